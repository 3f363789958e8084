import { buildGrid } from './build-grid';
import { findCell } from './cell';
import { EXPERIMENT_PRESETS, type ExperimentPreset } from './presets';
import { checkPretrainSeeds, seedLabel } from './seed-settings';

describe('the pretraining-seed cells (issue #21)', () => {
  const mini = buildGrid(EXPERIMENT_PRESETS.mini);
  const seedIds = (grid = mini) => grid.cells.map((c) => c.id).filter((id) => /-s\d+(-|$)/.test(id));
  /** One (variant, seed) chain's ids, in the order the grid lists them. */
  const chain = (v: string, s: number, tasks: readonly string[]) => [
    `pretrain-${v}-s${s}`,
    `mlm-${v}-s${s}`,
    ...tasks.map((t) => `finetune-${v}-s${s}-${t}`),
  ];

  it('mini: seeds 2 and 3 of full, radix-k3 and clustered-naive-m100, each pretrained, scored on MLM and fine-tuned on 2 tasks', () => {
    const tasks = ['uci-sentiment', 'sms-spam'];
    expect(seedIds()).toEqual(
      ['full', 'radix-k3', 'clustered-naive-m100'].flatMap((v) => [2, 3].flatMap((s) => chain(v, s, tasks))),
    );
    // 3 variants × 2 seeds × (pretrain, mlm, 2 fine-tunings); the rest of the grid untouched (134
    // cells, and Table 4's two majority-class cells, build-grid.spec.ts)
    expect(mini.cells).toHaveLength(134 + 2 + 24);
    expect(seedLabel('clustered-naive-m100', 3)).toBe('clustered-naive-m100-s3');
  });

  it("each seed's run is its seed-1 run but for the seed and the run directory: same inputs, allocation file, schedule, key order", () => {
    for (const v of ['full', 'radix-k3', 'clustered-naive-m100'])
      for (const s of [2, 3]) {
        const main = findCell(mini, `pretrain-${v}`, 'pretrain');
        const seeded = findCell(mini, `pretrain-${v}-s${s}`, 'pretrain');
        expect(seeded.dependsOn).toEqual(main.dependsOn);
        // key order included: the grid file and the cell's marker hash are written from it
        expect(JSON.stringify(seeded.args)).toBe(
          JSON.stringify({ ...main.args, outDir: `runs/mini/pretrain-${v}-s${s}`, seed: s }),
        );
        expect(seeded.outputs).toEqual([
          `runs/mini/pretrain-${v}-s${s}`,
          `docs/results/mini/pretrain/${v}-s${s}.metrics.jsonl`,
          // mini.pretrainSeeds.scratch: the full model's seeds stay out of the repository
          v === 'full' ? `runs/mini/models/full-s${s}` : `docs/results/mini/models/${v}-s${s}`,
        ]);
      }
    // the clustered variant keeps the allocation clustered on the seed-1 full model
    const clustered = findCell(mini, 'pretrain-clustered-naive-m100-s2', 'pretrain');
    expect(clustered.dependsOn).toEqual(['corpus', 'allocate-clustered-naive-m100']);
    expect(clustered.args.embedding).toEqual({
      kind: 'ksub',
      allocationFile: 'docs/results/mini/alloc/clustered-naive-m100.alloc',
    });
    expect(findCell(mini, 'allocate-clustered-naive-m100', 'allocate').dependsOn).toEqual(['pretrain-full']);
  });

  it("scores each seed's model on the seed-1 run's validation positions, so every model is paired on the same masks", () => {
    const mlm = findCell(mini, 'mlm-radix-k3-s3', 'mlm-positions');
    expect(mlm.dependsOn).toEqual(['corpus', 'pretrain-radix-k3-s3']);
    expect(mlm.outputs).toEqual(['docs/results/mini/mlm/radix-k3-s3.positions.csv']);
    expect(mlm.args).toEqual({
      model: 'docs/results/mini/models/radix-k3-s3',
      pretrain: findCell(mini, 'pretrain-radix-k3', 'pretrain').args,
      out: 'docs/results/mini/mlm/radix-k3-s3.positions.csv',
    });
    expect(mlm.args.pretrain.seed).toBe(1);
  });

  it("fine-tunes each seed under the seed-1 chain's held-out protocol, labelled <variant>-s<seed>", () => {
    const tuned = findCell(mini, 'finetune-full-s2-sms-spam', 'finetune');
    expect(tuned.dependsOn).toEqual(['pretrain-full-s2']);
    expect(tuned.outputs).toEqual(['docs/results/mini/finetune/full-s2-sms-spam.csv']);
    expect(tuned.args).toEqual({
      ...findCell(mini, 'finetune-full-sms-spam', 'finetune').args,
      // a scratch seed model (mini.pretrainSeeds.scratch), read where its pretraining kept it
      model: 'runs/mini/models/full-s2',
      label: 'full-s2',
      out: 'docs/results/mini/finetune/full-s2-sms-spam.csv',
    });
  });

  it('Tables 2 and 3 wait for the seeds of their own variants and list their files', () => {
    const table2 = findCell(mini, 'table2', 'table');
    const table3 = findCell(mini, 'table3', 'table');
    const waits = (ids: readonly string[]) => ids.filter((d) => /-s\d+(-|$)/.test(d));
    const read = (v: string) =>
      [2, 3].flatMap((s) => [
        `mlm-${v}-s${s}`,
        ...['uci-sentiment', 'sms-spam'].map((t) => `finetune-${v}-s${s}-${t}`),
      ]);
    expect(waits(table2.dependsOn)).toEqual([...read('full'), ...read('radix-k3')]);
    expect(waits(table3.dependsOn)).toEqual([
      ...read('full'),
      ...read('radix-k3'),
      ...read('clustered-naive-m100'),
    ]);
    expect(Object.keys(table2.args.pretrainSeeds ?? {})).toEqual(['full', 'radix-k3']);
    expect(table3.args.pretrainSeeds?.['clustered-naive-m100']).toEqual(
      [2, 3].map((s) => ({
        seed: s,
        model: `clustered-naive-m100-s${s}`,
        finetune: ['uci-sentiment', 'sms-spam'].map(
          (t) => `docs/results/mini/finetune/clustered-naive-m100-s${s}-${t}.csv`,
        ),
        mlm: `docs/results/mini/mlm/clustered-naive-m100-s${s}.positions.csv`,
      })),
    );
    // the seed CSVs are not the table's inputs: it is complete without them
    expect(table3.args.inputs.filter((f) => /-s\d+-/.test(f))).toEqual([]);
  });

  it('tiny runs one more seed of full and radix-k3; paper none (its table args without the field)', () => {
    const tiny = buildGrid(EXPERIMENT_PRESETS.tiny);
    expect(seedIds(tiny)).toEqual([
      ...chain('full', 2, ['uci-sentiment']),
      ...chain('radix-k3', 2, ['uci-sentiment']),
    ]);
    expect(findCell(tiny, 'pretrain-radix-k3-s2', 'pretrain').args).toMatchObject({ steps: 30, seed: 2 });
    const paper = buildGrid(EXPERIMENT_PRESETS.paper);
    expect(seedIds(paper)).toEqual([]);
    expect('pretrainSeeds' in findCell(paper, 'table2', 'table').args).toBe(false);
  });

  it('refuses settings that break a rule, naming the field and the value', () => {
    const known = ['full', 'radix-k2', 'radix-k3'];
    const check = (variants: string[], seeds: number[]) => () =>
      checkPretrainSeeds({ variants, seeds }, 'mini.pretrainSeeds', known);
    expect(check(['full', 'radix-k3'], [2, 3])).not.toThrow();
    expect(check(['full', 'radix-k5'], [2])).toThrow(
      'checkPretrainSeeds: mini.pretrainSeeds.variants must be grid variants of Tables 2–3 (full, radix-k2, radix-k3); got "radix-k5"',
    );
    expect(check(['radix-k3'], [2])).toThrow(
      'checkPretrainSeeds: mini.pretrainSeeds.variants must include "full" (each seed\'s Δ is taken against full\'s same seed); got ["radix-k3"]',
    );
    expect(check(['full', 'full'], [2])).toThrow(/variants must be distinct; got \["full", "full"\]$/);
    expect(check([], [2])).toThrow(RangeError);
    expect(check(['full'], [])).toThrow(
      'checkPretrainSeeds: mini.pretrainSeeds.seeds must list at least one seed; got []',
    );
    expect(check(['full'], [2, 1])).toThrow(
      "checkPretrainSeeds: mini.pretrainSeeds.seeds[1] must not be 1 (the main runs' seed); got 1",
    );
    expect(check(['full'], [2.5])).toThrow(
      'checkPretrainSeeds: mini.pretrainSeeds.seeds[0] must be an integer in [0, 2147483647]; got 2.5',
    );
    expect(check(['full'], [3, 3])).toThrow(
      'checkPretrainSeeds: mini.pretrainSeeds.seeds must be distinct; got [3, 3]',
    );
    expect(() =>
      checkPretrainSeeds(
        { variants: ['full'], seeds: [2], scratch: ['radix-k3'] },
        'mini.pretrainSeeds',
        known,
      ),
    ).toThrow(
      'checkPretrainSeeds: mini.pretrainSeeds.scratch must name variants of mini.pretrainSeeds.variants (full); got "radix-k3"',
    );
  });

  it("checks a preset's settings against the grid's seed-1 runs when the grid is built", () => {
    const preset: ExperimentPreset = {
      ...EXPERIMENT_PRESETS.tiny,
      pretrainSeeds: { variants: ['full', 'clustered-naive-m100'], seeds: [2] },
    };
    // tiny clusters M = 20, not 100
    expect(() => buildGrid(preset)).toThrow(
      /^checkPretrainSeeds: tiny\.pretrainSeeds\.variants must be grid variants of Tables 2–3 \(full, radix-k2, radix-k3, clustered-naive-m20, .*\); got "clustered-naive-m100"$/,
    );
  });
});
