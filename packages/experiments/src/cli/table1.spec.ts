import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fault-drill/drill-case';
import { fromRoot } from '../testing/committed-results';
import { useTempDir } from '../testing/temp-dir';

describe('the table1 CLI', () => {
  const dir = useTempDir('table1-cli');

  it("writes Table 1 as committed: our parameter counts beside the paper's", () => {
    const r = runCli('packages/experiments/src/cli/table1.ts', ['--out', dir.path]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Table 1 \(ours vs the paper; ✓ agrees at the paper's precision\)/);
    expect(readFileSync(join(dir.path, 'table1.csv'), 'utf8')).toBe(
      readFileSync(fromRoot('docs/results/table1.csv'), 'utf8'),
    );
    expect(readFileSync(join(dir.path, 'table1.md'), 'utf8')).toBe(
      readFileSync(fromRoot('docs/results/table1.md'), 'utf8'),
    );
  }, 60_000);
});
