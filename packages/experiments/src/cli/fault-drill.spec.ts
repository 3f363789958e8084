import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fault-drill/drill-case';
import { useTempDir } from '../testing/temp-dir';

const CLI = 'packages/experiments/src/cli/fault-drill.ts';

describe('the fault-drill CLI', () => {
  const dir = useTempDir('fault-drill-cli');

  it('lists every case once, with its defect', () => {
    const r = runCli(CLI, ['--list']);
    expect(r.status).toBe(0);
    const ids = r.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/)[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(['pretrain-two-runs-one-dir', 'corpus-out-existing-dir', 'glove-truncated']),
    );
    expect(r.stdout).toMatch(/^allocate-unused-flag {2}\(defect 7\) /m);
  }, 60_000);

  it('runs the cases named by --only and writes the table; an unknown name is an error', () => {
    const out = join(dir.path, 'drill.md');
    const r = runCli(CLI, ['--only', 'allocate-unused-flag', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 passed, 0 failed');
    expect(readFileSync(out, 'utf8')).toMatch(/^\| 7 \| `allocate-unused-flag` \|.*\| pass \|$/m);
    const bad = runCli(CLI, ['--only', 'no-such-case']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('fault-drill: --only names unknown cases no-such-case; see --list');
  }, 120_000);
});
