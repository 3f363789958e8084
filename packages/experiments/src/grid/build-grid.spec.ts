import { readFileSync } from 'node:fs';
import { presetConfig } from '@ksub/transformer';
import { join } from 'node:path';
import { allGrids, buildGrid } from './build-grid';
import { findCell } from './cell';
import { gridJson } from './grid-json';
import { EXPERIMENT_PRESETS } from './presets';
import { embeddingParamsOf } from './variants';

describe('experiment grids', () => {
  it('are committed as generated (rebuild: nx run experiments:grid)', () => {
    for (const grid of allGrids())
      expect(readFileSync(join(__dirname, '../../grid', `${grid.preset}.json`), 'utf8')).toBe(gridJson(grid));
  });

  it('have unique ids, known dependencies and no cycles; outputs never overlap', () => {
    for (const grid of allGrids()) {
      const ids = grid.cells.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      const seen = new Set<string>();
      for (const c of grid.cells) {
        for (const d of c.dependsOn) expect(seen.has(d)).toBe(true); // listed after what it needs: acyclic
        seen.add(c.id);
      }
      const outputs = grid.cells.flatMap((c) => c.outputs);
      expect(new Set(outputs).size).toBe(outputs.length);
    }
  });

  it('mini: Table 2 is 6 pretraining runs (full, k = 2, 3, 4, 6, 8), Table 3 adds 5 clustered ones; 2 tasks each', () => {
    // Tables 2–3's cells: not Table 4's (`ml-`), the learning curves' (`curve-`, curve-grid.spec.ts)
    // nor the pretraining seeds' (`<variant>-s<seed>`, seed-grid.spec.ts)
    const whole = buildGrid(EXPERIMENT_PRESETS.mini);
    const grid = {
      ...whole,
      cells: whole.cells.filter((c) => !c.id.startsWith('curve') && !/-s\d+(-|$)/.test(c.id)),
    };
    expect(
      grid.cells.filter((c) => c.kind === 'pretrain' && !c.id.startsWith('ml-')).map((c) => c.id),
    ).toEqual([
      'pretrain-full',
      'pretrain-radix-k2',
      'pretrain-radix-k3',
      'pretrain-radix-k4',
      'pretrain-radix-k6',
      'pretrain-radix-k8',
      'pretrain-clustered-naive-m100',
      'pretrain-clustered-naive-m200',
      'pretrain-clustered-equal-m50',
      'pretrain-clustered-equal-m100',
      'pretrain-glove-equal-m100',
    ]);
    // 11 pretrained models, the 3 compressed ones at the fine-tuned ratio and the 2 random-init
    // controls (full, radix-k3), on 2 tasks
    expect(grid.cells.filter((c) => c.kind === 'finetune' && !c.id.startsWith('ml-'))).toHaveLength(
      (11 + 3 + 2) * 2,
    );
    // the held-out protocol: 5 seeds (lr searched on the first), early stopping, test scored;
    // fine-tuning reads the kept (committed) model, never the scratch run
    const full = grid.cells.find((c) => c.id === 'finetune-full-sms-spam');
    expect(full?.args).toMatchObject({
      model: 'docs/results/mini/models/full',
      learningRates: [1e-4, 3e-4, 1e-3, 3e-3],
      seeds: [1, 2, 3, 4, 5],
      searchSeeds: 1,
      patience: 2,
      testSplit: 'test',
    });
    expect(grid.cells.find((c) => c.id === 'pretrain-full')?.outputs).toContain(
      'docs/results/mini/models/full',
    );
    expect(grid.cells.find((c) => c.id === 'finetune-random-init-radix-k3-sms-spam')?.args).toMatchObject({
      model: 'docs/results/mini/models/radix-k3',
      reinitialise: true,
    });
    expect(
      grid.cells.filter((c) => c.kind === 'baseline' && !c.id.startsWith('ml-')).map((c) => c.id),
    ).toEqual(['baseline-uci-sentiment', 'baseline-sms-spam']);
    expect(grid.cells.filter((c) => c.kind === 'mlm-positions')).toHaveLength(11);
    // clustering on the trained baseline waits for it; the GloVe variant does not
    expect(grid.cells.find((c) => c.id === 'allocate-clustered-naive-m100')?.dependsOn).toEqual([
      'pretrain-full',
    ]);
    expect(grid.cells.find((c) => c.id === 'allocate-glove-equal-m100')?.dependsOn).toEqual([]);
    // the paper's protocol: an external pretrained matrix (a user's roberta-base) instead
    const source = 'data/roberta-base/model.safetensors#roberta.embeddings.word_embeddings.weight';
    const external = buildGrid({
      ...EXPERIMENT_PRESETS.mini,
      clustered: { ...EXPERIMENT_PRESETS.mini.clustered, source },
    });
    expect(external.cells.find((c) => c.id === 'allocate-clustered-naive-m100')).toMatchObject({
      dependsOn: [],
      args: { embeddings: source },
    });
    // 7 models × 2 tasks, 2 random-init controls × 2 tasks, 2 baselines, 7 MLM position files; and
    // 2 more pretraining seeds of 3 of the models, each 2 tasks and an MLM position file
    expect(grid.cells.find((c) => c.id === 'table3')?.dependsOn).toHaveLength(
      7 * 2 + 2 * 2 + 2 + 7 + 3 * 2 * (2 + 1),
    );
  });

  it('mini Table 4: full, random and clustered 3-sub over the 200,003-token multilingual vocabulary, both protocols', () => {
    const grid = buildGrid(EXPERIMENT_PRESETS.mini);
    const ml = grid.cells.filter((c) => c.id.startsWith('ml-'));
    expect(ml.filter((c) => c.kind === 'pretrain').map((c) => c.id)).toEqual([
      'ml-pretrain-full',
      'ml-pretrain-radix-k3',
      'ml-pretrain-clustered-equal-m118',
    ]);
    for (const c of ml.filter((c) => c.kind === 'pretrain')) {
      expect(c.args.modelOverrides).toEqual({ vocabSize: 200_003 });
      expect(c.args.tokenizer).toBe('xlmr-o200k');
    }
    // clustering waits for the trained multilingual baseline, on its own embeddings
    expect(grid.cells.find((c) => c.id === 'ml-allocate-clustered-equal-m118')?.dependsOn).toEqual([
      'ml-pretrain-full',
    ]);
    // the full model (~50 MB in float16) stays scratch; the k-sub ones are kept in the repository
    expect(findCell(grid, 'ml-pretrain-full', 'pretrain').outputs).toContain('runs/mini/models/ml-full');
    expect(findCell(grid, 'ml-finetune-full-cross-lingual', 'finetune').args.model).toBe(
      'runs/mini/models/ml-full',
    );
    expect(findCell(grid, 'ml-pretrain-radix-k3', 'pretrain').outputs).toContain(
      'docs/results/mini/models/ml-radix-k3',
    );
    // Tables 2–3's held-out protocol: 5 seeds (lr searched on the first over the grid that
    // bracketed their optimum), early stopping, every language's test split; batch 32 (presets.ts)
    expect(grid.cells.find((c) => c.id === 'ml-finetune-radix-k3-train-all')?.args).toEqual({
      protocol: {
        suite: 'libreoffice',
        name: 'train-all',
        languages: ['en', 'de', 'es', 'fr', 'el', 'ru', 'tr', 'vi', 'zh'],
      },
      tokenizer: 'xlmr-o200k',
      model: 'docs/results/mini/models/ml-radix-k3',
      label: 'radix-k3',
      learningRates: [1e-4, 3e-4, 1e-3, 3e-3],
      batchSizes: [32],
      seeds: [1, 2, 3, 4, 5],
      searchSeeds: 1,
      epochs: 8,
      patience: 2,
      testSplit: 'test',
      maxTrain: 4000,
      maxEval: 500,
      out: 'docs/results/mini/finetune/ml-radix-k3-train-all.csv',
    });
    // the majority-class control per protocol, on the same training and held-out samples
    const baselines = ml.filter((c) => c.kind === 'baseline');
    expect(baselines.map((c) => c.id)).toEqual(['ml-baselines-cross-lingual', 'ml-baselines-train-all']);
    expect(baselines[0]?.args).toMatchObject({ testSplit: 'test', maxTrain: 4000, maxEval: 500 });
    // 3 models × 2 protocols, and the 2 controls
    const table4 = findCell(grid, 'table4', 'table4');
    expect(table4.dependsOn).toHaveLength(3 * 2 + 2);
    expect(table4.args.inputs).toContain('docs/results/mini/finetune/ml-baselines-train-all.csv');
  });

  it('Table 4 scratch models must be Table 4 variants', () => {
    const mini = EXPERIMENT_PRESETS.mini;
    const preset = { ...mini, table4: { ...mini.table4, scratch: ['radix-k8'] } };
    expect(() => buildGrid(preset)).toThrow(
      'mini.table4.scratch must name Table 4 variants (full, radix-k3, clustered-equal-m118); got "radix-k8"',
    );
  });

  it('tiny Table 4: a CI-sized copy of mini’s held-out protocol; paper’s keeps XNLI with one seed', () => {
    const tiny = buildGrid(EXPERIMENT_PRESETS.tiny);
    expect(findCell(tiny, 'ml-finetune-full-cross-lingual', 'finetune').args).toMatchObject({
      protocol: { suite: 'libreoffice', name: 'cross-lingual', languages: ['en', 'de', 'fr'] },
      learningRates: [1e-3],
      seeds: [1, 2],
      searchSeeds: 1,
      epochs: 2,
      patience: 1,
      testSplit: 'test',
      maxTrain: 128,
      maxEval: 64,
    });
    expect(tiny.cells.filter((c) => c.id.startsWith('ml-baselines-'))).toHaveLength(2);
    const paper = buildGrid(EXPERIMENT_PRESETS.paper);
    const xnli = findCell(paper, 'ml-finetune-full-cross-lingual', 'finetune').args;
    expect(xnli.protocol).toMatchObject({ suite: 'xnli', name: 'cross-lingual' });
    expect([xnli.seeds, xnli.testSplit, xnli.patience]).toEqual([undefined, undefined, undefined]);
    expect(paper.cells.filter((c) => c.id.startsWith('ml-baselines-'))).toEqual([]);
  });

  it("mini seed 001: SVD and both AutoEncoders at the direction paper's ratios 2.5 / 5 / 10 (r = 51, 25, 12 for 50,265 × 128)", () => {
    const grid = buildGrid(EXPERIMENT_PRESETS.mini);
    const compress = grid.cells.filter((c) => c.kind === 'compress');
    expect(compress.map((c) => c.id)).toEqual(
      [51, 25, 12].flatMap((r) => ['svd', 'ae-mse', 'ae-direction'].map((m) => `compress-${m}-r${r}`)),
    );
    // scored on the baseline's own validation positions: its seed and validation size
    const full = findCell(grid, 'pretrain-full', 'pretrain');
    for (const c of compress) {
      expect(c.dependsOn).toEqual(['corpus', 'pretrain-full']);
      expect(c.args.seed).toBe(full.args.seed);
      expect(c.args.evalSequences).toBe(full.args.evalSequences);
    }
    const table = grid.cells.find((c) => c.id === 'table-direction');
    expect(table?.dependsOn.filter((d) => d.startsWith('finetune-'))).toEqual([
      'finetune-full-uci-sentiment',
      'finetune-full-sms-spam',
      ...['svd', 'ae-mse', 'ae-direction'].flatMap((m) => [
        `finetune-${m}-r12-uci-sentiment`,
        `finetune-${m}-r12-sms-spam`,
      ]),
    ]);
  });

  it("keeps each preset's vocabulary and width equal to its model's (the grid is built without loading the model code)", () => {
    for (const preset of Object.values(EXPERIMENT_PRESETS)) {
      expect(preset.vocabSize).toBe(presetConfig(preset.model).vocabSize);
      expect(preset.hidden).toBe(presetConfig(preset.model).hidden);
    }
  });

  it("counts each variant's embedding parameters (Table 1's formula: 37 · 512 = 18,944 for paper k = 3)", () => {
    expect(embeddingParamsOf('full', EXPERIMENT_PRESETS.paper)).toBe(50265 * 512);
    expect(embeddingParamsOf('radix-k3', EXPERIMENT_PRESETS.paper)).toBe(18944);
    expect(embeddingParamsOf('radix-k2', EXPERIMENT_PRESETS.mini)).toBe(225 * 128);
    expect(embeddingParamsOf('clustered-equal-m50', EXPERIMENT_PRESETS.mini)).toBe(50 * 128);
  });
});
