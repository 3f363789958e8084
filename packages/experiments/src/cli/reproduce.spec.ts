import { runCli } from '../fault-drill/drill-case';

const CLI = 'packages/experiments/src/cli/reproduce.ts';

describe('the reproduce CLI', () => {
  it("--dry-run checks a preset's committed grid, every cell against its kind, and counts the cells", () => {
    const r = runCli(CLI, ['--preset', 'tiny', '--dry-run']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(1)).toEqual([
      '71 cells: 2 corpus, 13 pretrain, 20 finetune, 7 allocate, 3 compress, 3 baseline, 12 mlm-positions, 2 table, 1 table4, 1 direction-table, 2 figure, 4 snapshot, 1 curves',
      'no problems found',
      '',
    ]);
  }, 60_000);

  it('refuses an unknown preset or output before running anything', () => {
    expect(runCli(CLI, ['--preset', 'huge']).stderr).toBe(
      'reproduce: --preset must be tiny, mini or paper; got "huge"\n',
    );
    const only = runCli(CLI, ['--only', 'table9']);
    expect([only.status, only.stderr]).toEqual([
      2,
      'reproduce: --only takes table2, table3, table4, table-direction, fig2, fig3, curves; got "table9"\n',
    ]);
  }, 60_000);

  it("refuses an end cell the preset's grid lacks (paper has no learning curves)", () => {
    const r = runCli(CLI, ['--preset', 'paper', '--only', 'curves']);
    expect([r.status, r.stderr]).toEqual([2, 'reproduce: the paper grid has no curves cell\n']);
  }, 60_000);
});
