import { allGrids, buildGrid } from './build-grid';
import { findCell } from './cell';
import { EXPERIMENT_PRESETS } from './presets';
import { validateGrid } from './validate-grid';

describe('validateGrid (the dry run)', () => {
  it('finds nothing wrong with the tiny, mini and paper grids', () => {
    for (const grid of allGrids()) expect(validateGrid(grid)).toEqual([]);
  });

  it("the paper grid carries Tables 5–6: batch 128 (XLM-R 256), 250k updates, peak lr 2e-4, 24k warmup, GLUE's lr grid", () => {
    const grid = buildGrid(EXPERIMENT_PRESETS.paper);
    expect(findCell(grid, 'pretrain-full', 'pretrain').args).toMatchObject({
      model: 'paper-medium',
      batchSize: 128,
      steps: 250_000,
      peakLr: 2e-4,
      warmupSteps: 24_000,
    });
    expect(findCell(grid, 'ml-pretrain-full', 'pretrain').args).toMatchObject({
      batchSize: 256,
      steps: 250_000,
    });
    expect(findCell(grid, 'finetune-full-mnli', 'finetune').args).toMatchObject({
      learningRates: [1e-5, 2e-5, 3e-5],
      batchSizes: [16, 32],
      epochs: 10,
    });
  });

  it('names the cell and the problem: unknown task, tokenizer, compressor, missing dependency, bad config', () => {
    const grid = buildGrid(EXPERIMENT_PRESETS.tiny);
    const broken = {
      ...grid,
      cells: grid.cells.map((c) => {
        if (c.id === 'finetune-full-uci-sentiment') return { ...c, args: { ...c.args, task: 'sst-9' } };
        if (c.id === 'corpus') return { ...c, args: { ...c.args, tokenizer: 'bert-base' } };
        if (c.id === 'compress-svd-r7')
          return { ...c, args: { ...c.args, method: 'pca' }, dependsOn: ['nowhere'] };
        if (c.id === 'pretrain-full') return { ...c, args: { ...c.args, steps: 0 } };
        return c;
      }),
    };
    const problems = validateGrid(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^finetune-full-uci-sentiment: task "sst-9" is not one of .*uci-sentiment/),
        expect.stringMatching(/^corpus: tokenizer "bert-base" is not one of .*roberta-gpt2/),
        'compress-svd-r7: depends on nowhere, which is not listed before it',
        'compress-svd-r7: compress args: method: Invalid option: expected one of "svd"|"ae-mse"|"ae-direction"; got "pca"',
        'pretrain-full: pretrain args: steps: Too small: expected number to be >=1; got 0',
      ]),
    );
    expect(problems).toHaveLength(5);
  });
});
