import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fault-drill/drill-case';
import { fromRoot } from '../testing/committed-results';
import { useTempDir } from '../testing/temp-dir';

const CLI = 'packages/experiments/src/cli/plot-pretrain.ts';

describe('the plot-pretrain CLI', () => {
  const dir = useTempDir('plot-pretrain-cli');

  it("draws the committed mini runs' loss curves and summarises them as the committed summary does", () => {
    const runs = ['full', 'radix-k2'].map((v) => fromRoot(`docs/results/mini/pretrain/${v}.metrics.jsonl`));
    const out = join(dir.path, 'curves.svg');
    const summary = join(dir.path, 'summary.md');
    const r = runCli(CLI, [
      '--run',
      runs[0] ?? '',
      '--run',
      `${runs[1] ?? ''}=radix-k2`,
      '--out',
      out,
      '--summary',
      summary,
    ]);
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<svg/);
    const committed = readFileSync(fromRoot('docs/results/mini/pretrain-summary.md'), 'utf8').split('\n');
    // header, rule, and the two runs' rows as in the committed summary of all runs
    expect(readFileSync(summary, 'utf8').split('\n').slice(0, 4)).toEqual(committed.slice(0, 4));
  }, 60_000);

  it('names a run it cannot read', () => {
    const r = runCli(CLI, ['--run', join(dir.path, 'none'), '--out', join(dir.path, 'x.svg')]);
    expect([r.status, r.stderr]).toEqual([
      1,
      `plot-pretrain: --run ${join(dir.path, 'none')}: cannot read ${join(dir.path, 'none')}/metrics.jsonl\n`,
    ]);
  }, 60_000);
});
