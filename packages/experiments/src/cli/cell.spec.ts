import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendResults } from '@ksub/training';
import { runCli } from '../fault-drill/drill-case';
import { resultRow } from '@ksub/training/testing';
import { useTempDir } from '../testing/temp-dir';

const CLI = 'packages/experiments/src/cli/cell.ts';

describe('the cell CLI', () => {
  const dir = useTempDir('cell-cli');
  let grid = '';
  beforeAll(async () => {
    const csv = join(dir.path, 'full-uci-sentiment.csv');
    await appendResults(csv, [resultRow({ value: 0.7 }), resultRow({ model: 'radix-k3', value: 0.65 })]);
    writeFileSync(`${csv}.cell.json`, '{}\n');
    const table = {
      id: 'table2',
      kind: 'table',
      dependsOn: [],
      outputs: [join(dir.path, 'table2.md'), join(dir.path, 'table2.csv')],
      args: { table: 'table2', inputs: [csv], variants: ['full', 'radix-k3'], params: { full: 6_433_920 } },
    };
    const misspelt = {
      id: 'allocate-x',
      kind: 'allocate',
      dependsOn: [],
      outputs: ['x.alloc'],
      args: { methd: 'radix' },
    };
    grid = join(dir.path, 'spec.json');
    writeFileSync(grid, JSON.stringify({ preset: 'spec', description: 'a table', cells: [table, misspelt] }));
  });

  it("runs a grid's cell after checking its args against its kind", () => {
    const r = runCli(CLI, ['--preset', 'spec', '--grid', grid, '--cell', 'table2']);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir.path, 'table2.md'), 'utf8')).toMatch(
      /^# Table 2 \(spec preset\): random \(Algorithm 1\) k-sub-embedding vs the full embedding\n/,
    );
    expect(readFileSync(join(dir.path, 'table2.csv'), 'utf8')).toBe(
      'task,model,split,lr,batch,seed,epoch,metric,value\nuci-sentiment,full,dev,0.0001,16,1,1,accuracy,0.7\nuci-sentiment,radix-k3,dev,0.0001,16,1,1,accuracy,0.65\n',
    );
    expect(r.stdout).toContain('| radix-k3 | — | 65.0 | -5.0 | 88.0 | -1.9 |');
  }, 60_000);

  it('refuses a misspelt arg and an unknown cell, naming them', () => {
    const misspelt = runCli(CLI, ['--preset', 'spec', '--grid', grid, '--cell', 'allocate-x']);
    expect(misspelt.status).toBe(1);
    expect(misspelt.stderr).toMatch(
      new RegExp(`^TypeError: allocate args \\(${grid}#allocate-x\\): unknown key "methd"`),
    );
    const unknown = runCli(CLI, ['--preset', 'spec', '--grid', grid, '--cell', 'table9']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(
      /^RangeError: cell: --cell must be one of table2, allocate-x; got "table9"/,
    );
  }, 60_000);
});
