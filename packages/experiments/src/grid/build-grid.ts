import { presetConfig } from '@ksub/transformer';
import { COMPRESSION_METHODS } from '../direction/compress-model';
import { minimalRows } from '@ksub/index-mapping';
import { rankForRatio } from '../direction/rank-for-ratio';
import type { Cell, Grid } from './cell';
import { EXPERIMENT_PRESETS, type ExperimentPreset } from './presets';

/** An embedding variant of the grid: how its allocation is made (none for the full baseline). */
export interface Variant {
  readonly id: string;
  /** `allocate` cell settings, or null for the full embedding. */
  readonly allocation: Readonly<Record<string, unknown>> | null;
  /** Cells the allocation needs (the trained baseline, for clustering on its embeddings). */
  readonly needs: readonly string[];
}

/** Table 2's variants: the full baseline and Algorithm 1 ("random") for each k. */
export function table2Variants(preset: ExperimentPreset): Variant[] {
  return [
    { id: 'full', allocation: null, needs: [] },
    ...preset.ks.map((k) => ({
      id: `radix-k${k}`,
      allocation: { method: 'radix', k, dim: preset.hidden },
      needs: [],
    })),
  ];
}

/**
 * Table 3's variants: k = 3 clustered (Algorithm 2), naive and equal-size k-means on the trained
 * baseline's own token embeddings (the paper's protocol at our scale), and equal-size on GloVe
 * aligned to the vocabulary.
 */
export function table3Variants(preset: ExperimentPreset): Variant[] {
  const baseline = `runs/${preset.name}/pretrain-full/model/weights.json#roberta.embeddings.word_embeddings.embeddings`;
  const clustered = (
    variant: 'naive' | 'equal',
    rows: number,
    embeddings: string,
    needs: string[],
    prefix = 'clustered',
  ) => ({
    id: `${prefix}-${variant}-m${rows}`,
    allocation: { method: 'clustered', k: 3, rows, variant, embeddings, dim: preset.hidden },
    needs,
  });
  return [
    ...preset.clustered.naive.map((m) => clustered('naive', m, baseline, ['pretrain-full'])),
    ...preset.clustered.equal.map((m) => clustered('equal', m, baseline, ['pretrain-full'])),
    clustered('equal', preset.clustered.gloveEqual, 'glove', [], 'glove'),
  ];
}

/**
 * Embedding parameters of a grid variant, from its id: N·d for `full`, M·d for `radix-k<k>`
 * (M = the fewest rows with M^k ≥ N; the k tables' widths sum to d), R·d for a clustered variant
 * of R rows per table.
 */
export function embeddingParamsOf(variant: string, preset: ExperimentPreset): number {
  const n = presetConfig(preset.model).vocabSize;
  const radix = /^radix-k(\d+)$/.exec(variant);
  if (radix !== null) return minimalRows(n, Number(radix[1])) * preset.hidden;
  const clustered = /-m(\d+)$/.exec(variant);
  if (clustered !== null) return Number(clustered[1]) * preset.hidden;
  return n * preset.hidden;
}

/**
 * The cells of a preset's grid: pack the corpus; per embedding variant its allocation, a
 * pretraining run and a fine-tuning run per task; Tables 2 and 3. Paths are under `runs/<preset>/`
 * and `docs/results/<preset>/`.
 */
export function buildGrid(preset: ExperimentPreset): Grid {
  const root = `runs/${preset.name}`;
  // what a new machine must not lose is committed under docs/results/<preset>/: fine-tuning rows,
  // pretraining metrics, and allocations that need a trained model (clustered on its embeddings)
  const results = `docs/results/${preset.name}`;
  // where `nx run corpus:prepare` puts the same corpus, so a corpus prepared by hand is reused
  const corpusDir = `data/${preset.corpus}-roberta-gpt2${preset.maxLength === 128 ? '' : `-${preset.maxLength}`}`;
  const cells: Cell[] = [
    {
      id: 'corpus',
      kind: 'corpus',
      dependsOn: [],
      outputs: [corpusDir],
      args: { corpus: preset.corpus, tokenizer: 'roberta-gpt2', maxLength: preset.maxLength, out: corpusDir },
    },
  ];
  const csvOf = new Map<string, string[]>();
  const addVariant = (variant: Variant): void => {
    const pretrainDeps = ['corpus'];
    let embedding: Record<string, unknown> = { kind: 'full' };
    if (variant.allocation !== null) {
      const file =
        variant.needs.length > 0
          ? `${results}/alloc/${variant.id}.alloc`
          : `${root}/alloc-${variant.id}.alloc`;
      cells.push({
        id: `allocate-${variant.id}`,
        kind: 'allocate',
        dependsOn: [...variant.needs],
        outputs: [file],
        args: { ...variant.allocation, seed: 1, out: file },
      });
      pretrainDeps.push(`allocate-${variant.id}`);
      embedding = { kind: 'ksub', allocationFile: file };
    }
    const outDir = `${root}/pretrain-${variant.id}`;
    cells.push({
      id: `pretrain-${variant.id}`,
      kind: 'pretrain',
      dependsOn: pretrainDeps,
      outputs: [outDir, `${results}/pretrain/${variant.id}.metrics.jsonl`],
      args: { model: preset.model, embedding, corpus: corpusDir, outDir, seed: 1, ...preset.pretrain },
    });
    const csvs: string[] = [];
    for (const task of preset.finetune.tasks) {
      const out = `${results}/finetune/${variant.id}-${task}.csv`;
      csvs.push(out);
      const { tasks: _all, ...grid } = preset.finetune;
      cells.push({
        id: `finetune-${variant.id}-${task}`,
        kind: 'finetune',
        dependsOn: [`pretrain-${variant.id}`],
        outputs: [out],
        args: { task, model: `${outDir}/model`, label: variant.id, ...grid, out },
      });
    }
    csvOf.set(variant.id, csvs);
  };
  const table = (name: string, variants: readonly string[]): Cell => ({
    id: name,
    kind: 'table',
    dependsOn: variants.flatMap((v) => preset.finetune.tasks.map((t) => `finetune-${v}-${t}`)),
    outputs: [`docs/results/${preset.name}/${name}.md`, `docs/results/${preset.name}/${name}.csv`],
    args: {
      table: name,
      inputs: variants.flatMap((v) => csvOf.get(v) ?? []),
      variants,
      params: Object.fromEntries(variants.map((v) => [v, embeddingParamsOf(v, preset)])),
    },
  });
  const t2 = table2Variants(preset);
  const t3 = table3Variants(preset);
  t2.forEach(addVariant);
  t3.forEach(addVariant);
  // seed 001: post-hoc compression of the trained baseline, scored right after the swap
  const vocabSize = presetConfig(preset.model).vocabSize;
  const directionInputs: string[] = [];
  const directionLabels: Record<string, string> = { full: 'full (uncompressed)' };
  const directionDeps: string[] = [...preset.finetune.tasks.map((t) => `finetune-full-${t}`)];
  const directionCsvs: string[] = [...(csvOf.get('full') ?? [])];
  for (const ratio of preset.direction.ratios) {
    const rank = rankForRatio(vocabSize, preset.hidden, ratio);
    for (const method of COMPRESSION_METHODS) {
      const id = `${method}-r${rank}`;
      const record = `${results}/direction/${id}.json`;
      const modelDir = `${root}/compress-${id}/model`;
      directionInputs.push(record);
      directionDeps.push(`compress-${id}`);
      cells.push({
        id: `compress-${id}`,
        kind: 'compress',
        dependsOn: ['corpus', 'pretrain-full'],
        outputs: [modelDir, record],
        args: {
          method,
          rank,
          ratio,
          model: `${root}/pretrain-full/model`,
          corpus: corpusDir,
          // the baseline's pretraining seed and validation size: scored on its masked positions
          seed: 1,
          evalSequences: preset.pretrain.evalSequences,
          batchSize: preset.pretrain.batchSize,
          autoencoder: { epochs: preset.direction.epochs, batchSize: preset.direction.batchSize, seed: 1 },
          outModel: modelDir,
          out: record,
        },
      });
      if (ratio !== preset.direction.finetuneRatio) continue;
      directionLabels[id] = `${method} r=${rank}`;
      const { tasks: _all, ...grid } = preset.finetune;
      for (const task of preset.finetune.tasks) {
        const out = `${results}/finetune/${id}-${task}.csv`;
        directionCsvs.push(out);
        directionDeps.push(`finetune-${id}-${task}`);
        cells.push({
          id: `finetune-${id}-${task}`,
          kind: 'finetune',
          dependsOn: [`compress-${id}`],
          outputs: [out],
          args: { task, model: modelDir, label: id, ...grid, out },
        });
      }
    }
  }
  cells.push(
    table(
      'table2',
      t2.map((v) => v.id),
    ),
  );
  cells.push(table('table3', ['full', 'radix-k3', ...t3.map((v) => v.id)]));
  addTable4(cells, preset, root, results);
  cells.push({
    id: 'table-direction',
    kind: 'direction-table',
    dependsOn: directionDeps,
    outputs: [
      `${results}/table-direction.md`,
      `${results}/table-direction.csv`,
      `${results}/table-direction.svg`,
    ],
    args: {
      records: directionInputs,
      finetune: directionCsvs,
      labels: directionLabels,
      finetuneRatio: preset.direction.finetuneRatio,
    },
  });
  const pictured = ['full', ...preset.ks.map((k) => `radix-k${k}`), ...t3.map((v) => v.id)];
  cells.push({
    id: 'fig2',
    kind: 'figure',
    dependsOn: pictured.map((v) => `pretrain-${v}`),
    outputs: [`${results}/fig2-pca.svg`, `${results}/fig2-pca.csv`, `${results}/fig2-projection.svg`],
    args: {
      figure: 'fig2',
      components: Math.min(preset.hidden, 64),
      projectTokens: 2000,
      models: Object.fromEntries(pictured.map((v) => [v, `${root}/pretrain-${v}/model`])),
    },
  });
  cells.push({
    id: 'fig3',
    kind: 'figure',
    dependsOn: ['corpus', ...pictured.map((v) => `pretrain-${v}`)],
    outputs: [`${results}/fig3-similarity.svg`, `${results}/fig3-similarity.csv`],
    args: {
      figure: 'fig3',
      corpus: corpusDir,
      sequences: Math.min(preset.pretrain.evalSequences, 128),
      batchSize: preset.pretrain.batchSize,
      models: Object.fromEntries(pictured.map((v) => [v, `${root}/pretrain-${v}/model`])),
    },
  });
  return { preset: preset.name, description: preset.description, cells };
}

/** Every preset's grid, by name. */
export function allGrids(): Grid[] {
  return Object.values(EXPERIMENT_PRESETS).map(buildGrid);
}

/**
 * Table 4's cells: the multilingual corpus, the full / random 3-sub / clustered 3-sub models over
 * the multilingual vocabulary (clustered on the trained multilingual baseline, twice the rows, as
 * the paper), each fine-tuned under both protocols, and the per-language table.
 */
function addTable4(cells: Cell[], preset: ExperimentPreset, root: string, results: string): void {
  const t4 = preset.table4;
  // the paper's clustered variant has twice the rows of the random one (63 → 128)
  const clusteredRows = 2 * minimalRows(t4.vocabSize, 3);
  const corpusDir = `data/${t4.corpus}-${t4.tokenizer}${preset.maxLength === 128 ? '' : `-${preset.maxLength}`}`;
  cells.push({
    id: 'ml-corpus',
    kind: 'corpus',
    dependsOn: [],
    outputs: [corpusDir],
    args: { corpus: t4.corpus, tokenizer: t4.tokenizer, maxLength: preset.maxLength, out: corpusDir },
  });
  const baseline = `${root}/ml-pretrain-full/model/weights.json#roberta.embeddings.word_embeddings.embeddings`;
  const variants = [
    { id: 'full', allocation: null, needs: [] as string[] },
    { id: 'radix-k3', allocation: { method: 'radix', k: 3 }, needs: [] as string[] },
    {
      id: `clustered-equal-m${clusteredRows}`,
      allocation: {
        method: 'clustered',
        k: 3,
        rows: clusteredRows,
        variant: 'equal',
        embeddings: baseline,
        ...(t4.clusterMaxIter === undefined ? {} : { maxIter: t4.clusterMaxIter }),
      },
      needs: ['ml-pretrain-full'],
    },
  ];
  const protocols =
    t4.suite === 'xnli' ? ['cross-lingual', 'translate-train-all'] : ['cross-lingual', 'train-all'];
  const csvs: string[] = [];
  const finetunes: string[] = [];
  for (const v of variants) {
    const deps = ['ml-corpus'];
    let embedding: Record<string, unknown> = { kind: 'full' };
    if (v.allocation !== null) {
      const file =
        v.needs.length > 0 ? `${results}/alloc/ml-${v.id}.alloc` : `${root}/ml-alloc-${v.id}.alloc`;
      cells.push({
        id: `ml-allocate-${v.id}`,
        kind: 'allocate',
        dependsOn: v.needs,
        outputs: [file],
        args: { ...v.allocation, dim: preset.hidden, tokenizer: t4.tokenizer, seed: 1, out: file },
      });
      deps.push(`ml-allocate-${v.id}`);
      embedding = { kind: 'ksub', allocationFile: file };
    }
    const outDir = `${root}/ml-pretrain-${v.id}`;
    cells.push({
      id: `ml-pretrain-${v.id}`,
      kind: 'pretrain',
      dependsOn: deps,
      outputs: [outDir, `${results}/pretrain/ml-${v.id}.metrics.jsonl`],
      args: {
        model: preset.model,
        modelOverrides: { vocabSize: t4.vocabSize },
        tokenizer: t4.tokenizer,
        embedding,
        corpus: corpusDir,
        outDir,
        seed: 1,
        ...preset.pretrain,
        steps: t4.steps,
        ...(t4.batchSize === undefined ? {} : { batchSize: t4.batchSize }),
      },
    });
    for (const protocol of protocols) {
      const out = `${results}/finetune/ml-${v.id}-${protocol}.csv`;
      csvs.push(out);
      finetunes.push(`ml-finetune-${v.id}-${protocol}`);
      cells.push({
        id: `ml-finetune-${v.id}-${protocol}`,
        kind: 'finetune',
        dependsOn: [`ml-pretrain-${v.id}`],
        outputs: [out],
        args: {
          protocol: { suite: t4.suite, name: protocol, languages: t4.languages },
          tokenizer: t4.tokenizer,
          model: `${outDir}/model`,
          label: v.id,
          learningRates: t4.learningRates,
          batchSizes: t4.batchSizes,
          epochs: t4.epochs,
          ...(t4.maxTrain === undefined ? {} : { maxTrain: t4.maxTrain }),
          ...(t4.maxEval === undefined ? {} : { maxEval: t4.maxEval }),
          out,
        },
      });
    }
  }
  cells.push({
    id: 'table4',
    kind: 'table4',
    dependsOn: finetunes,
    outputs: [`${results}/table4.md`, `${results}/table4.csv`],
    args: {
      inputs: csvs,
      variants: variants.map((v) => v.id),
      protocols,
      languages: t4.languages,
      suite: t4.suite,
      vocabSize: t4.vocabSize,
      clusteredRows: clusteredRows,
    },
  });
}
