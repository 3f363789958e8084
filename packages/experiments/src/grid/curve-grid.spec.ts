import { buildGrid } from './build-grid';
import { findCell } from './cell';
import { EXPERIMENT_PRESETS } from './presets';

describe('the learning-curve cells (issue #21)', () => {
  const mini = buildGrid(EXPERIMENT_PRESETS.mini);
  const curveIds = (grid = mini) => grid.cells.map((c) => c.id).filter((id) => id.startsWith('curve'));

  it("mini's curve-pretrain-full is exactly the run under way: Table 2's args with 8,000 steps, 480 warmup, its own directory, every checkpoint kept", () => {
    const cell = findCell(mini, 'curve-pretrain-full', 'pretrain');
    // key order included: the grid file and the cell's marker hash are written from it
    expect(JSON.stringify(cell.args)).toBe(
      JSON.stringify({
        model: 'mini',
        embedding: { kind: 'full' },
        corpus: 'data/english-offline-roberta-gpt2',
        outDir: 'runs/mini/curve-full',
        seed: 1,
        batchSize: 16,
        steps: 8000,
        peakLr: 0.001,
        warmupSteps: 480,
        evalEvery: 250,
        evalSequences: 256,
        checkpointEvery: 250,
        keepCheckpoints: 32,
        logEvery: 10,
      }),
    );
    expect(cell.dependsOn).toEqual(['corpus']);
    expect(cell.outputs).toEqual(['runs/mini/curve-full', 'docs/results/mini/curves/full.metrics.jsonl']);
  });

  it("each k-sub curve run takes its Table 2–3 run's embedding and inputs, and differs from it only in steps, warmup, directory and kept checkpoints", () => {
    for (const v of ['radix-k3', 'clustered-naive-m100']) {
      const table = findCell(mini, `pretrain-${v}`, 'pretrain');
      const curve = findCell(mini, `curve-pretrain-${v}`, 'pretrain');
      expect(curve.dependsOn).toEqual(table.dependsOn);
      expect(curve.args).toEqual({
        ...table.args,
        steps: 8000,
        warmupSteps: 480,
        outDir: `runs/mini/curve-${v}`,
        keepCheckpoints: 32,
      });
    }
    expect(findCell(mini, 'curve-pretrain-clustered-naive-m100', 'pretrain').args.embedding).toEqual({
      kind: 'ksub',
      allocationFile: 'docs/results/mini/alloc/clustered-naive-m100.alloc',
    });
    expect(findCell(mini, 'curve-pretrain-radix-k3', 'pretrain').dependsOn).toEqual([
      'corpus',
      'allocate-radix-k3',
    ]);
  });

  it('mini: per variant a run, 4 snapshots with their MLM positions, and 2 tasks fine-tuned at 2,000 and 8,000 updates', () => {
    const per = (v: string) => [
      `curve-pretrain-${v}`,
      ...[1000, 2000, 4000, 8000].flatMap((n) => [
        `curve-snapshot-${v}-u${n}`,
        `curve-mlm-${v}-u${n}`,
        ...(n === 2000 || n === 8000
          ? [`curve-finetune-${v}-u${n}-uci-sentiment`, `curve-finetune-${v}-u${n}-sms-spam`]
          : []),
      ]),
    ];
    expect(curveIds()).toEqual([...['full', 'radix-k3', 'clustered-naive-m100'].flatMap(per), 'curves']);
    // the other cells are untouched: the Tables 2–4 grid (94, and Table 4's two majority-class
    // cells, build-grid.spec.ts), its pretraining seeds (24, seed-grid.spec.ts) and these 40
    expect(mini.cells).toHaveLength(94 + 2 + 24 + 40);
  });

  it("keeps full's snapshots in the repository only where fine-tuned, every k-sub one; a committed record for each", () => {
    const outputs = (id: string) => findCell(mini, id, 'snapshot').outputs;
    expect(outputs('curve-snapshot-full-u1000')).toEqual([
      'docs/results/mini/curves/snapshots/curve-full-u1000.json',
      'runs/mini/curve-snapshots/curve-full-u1000',
    ]);
    expect(outputs('curve-snapshot-full-u2000')).toEqual([
      'docs/results/mini/curves/snapshots/curve-full-u2000.json',
      'docs/results/mini/models/curve-full-u2000',
    ]);
    expect(outputs('curve-snapshot-radix-k3-u1000')[1]).toBe('docs/results/mini/models/curve-radix-k3-u1000');
    const snapshot = findCell(mini, 'curve-snapshot-radix-k3-u4000', 'snapshot');
    expect(snapshot.dependsOn).toEqual(['curve-pretrain-radix-k3']);
    expect(snapshot.args).toEqual({
      pretrain: findCell(mini, 'curve-pretrain-radix-k3', 'pretrain').args,
      step: 4000,
      out: 'docs/results/mini/models/curve-radix-k3-u4000',
      record: 'docs/results/mini/curves/snapshots/curve-radix-k3-u4000.json',
    });
  });

  it("scores each snapshot on its run's validation positions and fine-tunes it under the Tables 2–3 protocol", () => {
    const mlm = findCell(mini, 'curve-mlm-full-u1000', 'mlm-positions');
    expect(mlm.dependsOn).toEqual(['corpus', 'curve-snapshot-full-u1000']);
    expect(mlm.args).toEqual({
      model: 'runs/mini/curve-snapshots/curve-full-u1000',
      pretrain: findCell(mini, 'curve-pretrain-full', 'pretrain').args,
      out: 'docs/results/mini/curves/mlm/curve-full-u1000.positions.csv',
    });
    const tuned = findCell(mini, 'curve-finetune-clustered-naive-m100-u8000-sms-spam', 'finetune');
    const table = findCell(mini, 'finetune-clustered-naive-m100-sms-spam', 'finetune');
    expect(tuned.dependsOn).toEqual(['curve-snapshot-clustered-naive-m100-u8000']);
    expect(tuned.args).toEqual({
      ...table.args,
      model: 'docs/results/mini/models/curve-clustered-naive-m100-u8000',
      label: 'curve-clustered-naive-m100-u8000',
      out: 'docs/results/mini/curves/finetune/curve-clustered-naive-m100-u8000-sms-spam.csv',
    });
  });

  it('the curves cell reads every curve file, the annealed Table 2–3 metrics and MLM positions, and the compute-matched pair', () => {
    const cell = findCell(mini, 'curves', 'curves');
    expect(cell.outputs).toEqual(
      ['curves.md', 'curves.csv', 'curves.svg'].map((f) => `docs/results/mini/${f}`),
    );
    expect(cell.dependsOn).toEqual([
      ...['full', 'radix-k3', 'clustered-naive-m100'].flatMap((v) => [`pretrain-${v}`, `mlm-${v}`]),
      ...curveIds().filter((id) => !id.startsWith('curve-snapshot') && id !== 'curves'),
    ]);
    expect(cell.args).toMatchObject({
      reference: 'full',
      tokensPerUpdate: 16 * 128,
      tasks: ['uci-sentiment', 'sms-spam'],
      computeMatched: { variant: 'clustered-naive-m100', step: 2000, referenceStep: 4000 },
    });
    const full = cell.args.variants[0];
    expect(full).toMatchObject({
      id: 'full',
      metrics: 'docs/results/mini/curves/full.metrics.jsonl',
      run: 'runs/mini/curve-full',
      annealed: 'docs/results/mini/pretrain/full.metrics.jsonl',
      // the same masked positions as the snapshots': the schedule comparison (f)
      annealedPositions: 'docs/results/mini/mlm/full.positions.csv',
    });
    // the MLM cell of the Table 2–3 run writes them
    expect(findCell(mini, 'mlm-full', 'mlm-positions').outputs).toEqual([
      'docs/results/mini/mlm/full.positions.csv',
    ]);
    expect(full?.snapshots.map((s) => [s.step, s.finetune?.length])).toEqual([
      [1000, 0],
      [2000, 2],
      [4000, 0],
      [8000, 2],
    ]);
  });

  it("tiny runs a shortened chain (30 updates, snapshots at 15 and 30; full's first scratch) and paper none", () => {
    const tiny = buildGrid(EXPERIMENT_PRESETS.tiny);
    expect(curveIds(tiny)).toEqual([
      ...['full', 'radix-k3'].flatMap((v) => [
        `curve-pretrain-${v}`,
        `curve-snapshot-${v}-u15`,
        `curve-mlm-${v}-u15`,
        `curve-snapshot-${v}-u30`,
        `curve-mlm-${v}-u30`,
        `curve-finetune-${v}-u30-uci-sentiment`,
      ]),
      'curves',
    ]);
    expect(findCell(tiny, 'curve-snapshot-full-u15', 'snapshot').args.out).toBe(
      'runs/tiny/curve-snapshots/curve-full-u15',
    );
    expect(findCell(tiny, 'curve-pretrain-radix-k3', 'pretrain').args).toMatchObject({
      steps: 30,
      keepCheckpoints: 2,
    });
    expect(curveIds(buildGrid(EXPERIMENT_PRESETS.paper))).toEqual([]);
  });

  it('refuses settings that name a variant the grid does not pretrain', () => {
    const curves = {
      ...(EXPERIMENT_PRESETS.mini.curves ?? { variants: [] }),
      variants: ['full', 'radix-k5'],
    };
    expect(() => buildGrid({ ...EXPERIMENT_PRESETS.mini, curves } as typeof EXPERIMENT_PRESETS.mini)).toThrow(
      /^checkCurveSettings: mini\.curves\.variants must be grid variants \(full, radix-k2, .*\); got "radix-k5"$/,
    );
  });
});
