import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DrillCase } from './drill-case';
import { drillTable, runDrill } from './run-drill';

const make = (id: string, run: DrillCase['run']): DrillCase => ({
  id,
  defect: 1,
  action: 'a | b',
  expected: 'c',
  run,
});

describe('runDrill / drillTable', () => {
  it('runs each case in its own fresh directory, removes it, and counts a throwing case as failed', async () => {
    const dirs: string[] = [];
    const rows = await runDrill([
      make('ok', async (dir) => {
        dirs.push(dir);
        await writeFile(join(dir, 'f'), 'x');
        return { ok: true, observed: 'fine' };
      }),
      make('throws', async (dir) => {
        dirs.push(dir);
        throw new Error('boom');
      }),
    ]);
    expect(rows.map((r) => [r.case.id, r.outcome.ok, r.outcome.observed])).toEqual([
      ['ok', true, 'fine'],
      ['throws', false, 'the case itself threw: boom'],
    ]);
    expect(new Set(dirs).size).toBe(2);
    expect(dirs.some((d) => existsSync(d))).toBe(false);
    const table = drillTable(rows);
    expect(table.split('\n')[2]).toBe('| 1 | `ok` | a \\| b | c | fine | pass |');
    expect(table).toContain('| **FAIL** |');
  });

  it('refuses two cases with one id', async () => {
    const c = make('same', async () => ({ ok: true, observed: '' }));
    await expect(runDrill([c, c])).rejects.toThrow('runDrill: case id "same" appears twice');
  });
});
