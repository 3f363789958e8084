import type { CellArgsInput } from '../cells/cell-kinds';
import type { Cell, CellOf, Grid } from './cell';
import { addCurveCells } from './curve-grid';
import { addDirectionCells } from './direction-grid';
import {
  addModelChain,
  type ChainSpec,
  type ModelChain,
  type PretrainArgsOf,
  taskFinetunes,
} from './model-chain';
import {
  corpusDir,
  finetuneCsv,
  type GridPaths,
  gridPaths,
  keptModel,
  mlmPositionsFile,
  resultFile,
} from './paths';
import { EXPERIMENT_PRESETS, type ExperimentPreset } from './presets';
import { type SeedChains, addPretrainSeedCells } from './seed-grid';
import { addTable4 } from './table4-grid';
import { embeddingParamsOf, table2Variants, table3Variants } from './variants';

/** Table 2 or 3 over some variants' fine-tuning CSVs, with the controls and the MLM positions. */
function tableCell(
  name: 'table2' | 'table3',
  variants: readonly string[],
  csvOf: ReadonlyMap<string, readonly string[]>,
  committedAllocations: ReadonlyMap<string, string>,
  controls: Controls,
  seeds: ReadonlyMap<string, SeedChains>,
  preset: ExperimentPreset,
  paths: GridPaths,
): CellOf<'table'> {
  const randomInit = controls.randomInit.filter((c) => variants.includes(c.variant));
  const seeded = variants.flatMap((v) => {
    const chains = seeds.get(v);
    return chains === undefined ? [] : [[v, chains] as const];
  });
  return {
    id: name,
    kind: 'table',
    dependsOn: [
      ...variants.flatMap((v) => preset.finetune.tasks.map((t) => `finetune-${v}-${t}`)),
      ...randomInit.flatMap((c) => c.finetuneIds),
      ...controls.baselineIds,
      ...variants.map((v) => `mlm-${v}`),
      ...seeded.flatMap(([, c]) => c.ids),
    ],
    outputs: [resultFile(paths, `${name}.md`), resultFile(paths, `${name}.csv`)],
    args: {
      table: name,
      inputs: [
        ...variants.flatMap((v) => csvOf.get(v) ?? []),
        ...randomInit.flatMap((c) => c.csvs),
        ...controls.baselineCsvs,
      ],
      variants,
      params: Object.fromEntries(variants.map((v) => [v, embeddingParamsOf(v, preset)])),
      controls: [...randomInit.map((c) => c.id), 'bag-of-words', 'majority'],
      models: Object.fromEntries([
        ...variants.map((v) => [v, keptModel(paths, '', v)]),
        ...randomInit.map((c) => [c.id, keptModel(paths, '', c.variant)]),
      ]),
      // committed allocations only (scratch ones differ by machine; radix counts follow the formula)
      allocations: Object.fromEntries([...committedAllocations].filter(([v]) => variants.includes(v))),
      mlm: Object.fromEntries(variants.map((v) => [v, mlmPositionsFile(paths, v)])),
      ...(seeded.length === 0
        ? {}
        : { pretrainSeeds: Object.fromEntries(seeded.map(([v, c]) => [v, c.seeds])) }),
    },
  };
}

/** The controls' cells, as the tables read them. */
interface Controls {
  readonly randomInit: readonly {
    readonly id: string;
    readonly variant: string;
    readonly finetuneIds: readonly string[];
    readonly csvs: readonly string[];
  }[];
  readonly baselineIds: readonly string[];
  readonly baselineCsvs: readonly string[];
}

/**
 * The controls of Tables 2–3: the encoder without pretraining (random init, with the embeddings of
 * `preset.controls`) fine-tuned as the models are, and the majority-class and bag-of-words
 * baselines of each task (with a test split).
 */
function addControls(cells: Cell[], preset: ExperimentPreset, paths: GridPaths): Controls {
  const finetunes = taskFinetunes(preset);
  const randomInit = (preset.controls?.randomInit ?? []).map((variant) => {
    const id = `random-init-${variant}`;
    const finetuneIds: string[] = [];
    const csvs: string[] = [];
    for (const f of finetunes) {
      const out = finetuneCsv(paths, '', id, f.name);
      const cellId = `finetune-${id}-${f.name}`;
      // the kept model gives the architecture and the allocation; its weights are replaced
      cells.push({
        id: cellId,
        kind: 'finetune',
        dependsOn: [`pretrain-${variant}`],
        outputs: [out],
        args: { ...f.args(keptModel(paths, '', variant), id, out), reinitialise: true },
      });
      finetuneIds.push(cellId);
      csvs.push(out);
    }
    return { id, variant, finetuneIds, csvs };
  });
  const testSplit = preset.finetune.testSplit;
  const baselines = testSplit === undefined ? [] : preset.finetune.tasks;
  for (const task of baselines)
    cells.push({
      id: `baseline-${task}`,
      kind: 'baseline',
      dependsOn: [],
      outputs: [finetuneCsv(paths, '', 'baselines', task)],
      args: { task, testSplit: testSplit as string, out: finetuneCsv(paths, '', 'baselines', task) },
    });
  return {
    randomInit,
    baselineIds: baselines.map((t) => `baseline-${t}`),
    baselineCsvs: baselines.map((t) => finetuneCsv(paths, '', 'baselines', t)),
  };
}

/** Per-position MLM scores of each pretrained model, on its own run's validation positions. */
function addMlmCells(
  cells: Cell[],
  variants: readonly string[],
  paths: GridPaths,
  pretrainArgs: ReadonlyMap<string, CellArgsInput['pretrain']>,
): void {
  for (const v of variants) {
    const pretrain = pretrainArgs.get(v);
    if (pretrain === undefined) continue;
    cells.push({
      id: `mlm-${v}`,
      kind: 'mlm-positions',
      dependsOn: ['corpus', `pretrain-${v}`],
      outputs: [mlmPositionsFile(paths, v)],
      args: { model: keptModel(paths, '', v), pretrain, out: mlmPositionsFile(paths, v) },
    });
  }
}

/** Figs. 2 and 3 over the pretrained models of Tables 2–3. */
function figureCells(
  pictured: readonly string[],
  preset: ExperimentPreset,
  paths: GridPaths,
  corpus: string,
): Cell[] {
  const models = Object.fromEntries(pictured.map((v) => [v, keptModel(paths, '', v)]));
  const pretrained = pictured.map((v) => `pretrain-${v}`);
  return [
    {
      id: 'fig2',
      kind: 'figure',
      dependsOn: pretrained,
      outputs: ['fig2-pca.svg', 'fig2-pca.csv', 'fig2-projection.svg'].map((f) => resultFile(paths, f)),
      args: { figure: 'fig2', components: Math.min(preset.hidden, 64), projectTokens: 2000, models },
    },
    {
      id: 'fig3',
      kind: 'figure',
      dependsOn: ['corpus', ...pretrained],
      outputs: ['fig3-similarity.svg', 'fig3-similarity.csv'].map((f) => resultFile(paths, f)),
      args: {
        figure: 'fig3',
        corpus,
        sequences: Math.min(preset.pretrain.evalSequences, 128),
        batchSize: preset.pretrain.batchSize,
        models,
      },
    },
  ];
}

/**
 * The cells of a preset's grid: pack the corpus; per embedding variant of Tables 2–3 its model
 * chain (allocation, pretraining, a fine-tuning per task); seed 001's compressions; Tables 2 and 3;
 * Table 4's multilingual chains and table; the seed-001 table; Figs. 2–3; the learning curves
 * (`curve-grid.ts`, presets with `curves`); the pretraining seeds (`seed-grid.ts`, presets with
 * `pretrainSeeds`: before the tables, which read them). Paths follow `paths.ts`. Loads no
 * TensorFlow.js (the cells' types only).
 *
 * @example
 * ```ts
 * buildGrid(EXPERIMENT_PRESETS.mini).cells.length; // 158
 * ```
 */
export function buildGrid(preset: ExperimentPreset): Grid {
  const paths = gridPaths(preset.name);
  const corpus = corpusDir(preset.corpus, 'roberta-gpt2', preset.maxLength);
  const cells: Cell[] = [
    {
      id: 'corpus',
      kind: 'corpus',
      dependsOn: [],
      outputs: [corpus],
      args: { corpus: preset.corpus, tokenizer: 'roberta-gpt2', maxLength: preset.maxLength, out: corpus },
    },
  ];
  const pretrain: PretrainArgsOf = (embedding, outDir) => ({
    model: preset.model,
    embedding,
    corpus,
    outDir,
    seed: 1,
    ...preset.pretrain,
  });
  const spec: ChainSpec = {
    paths,
    prefix: '',
    corpusCell: 'corpus',
    pretrain,
    finetunes: taskFinetunes(preset),
  };
  const t2 = table2Variants(preset);
  const t3 = table3Variants(preset, paths);
  const csvOf = new Map<string, readonly string[]>();
  let full: ModelChain = { finetuneIds: [], csvs: [] };
  for (const variant of [...t2, ...t3]) {
    const chain = addModelChain(cells, spec, variant);
    csvOf.set(variant.id, chain.csvs);
    if (variant.id === 'full') full = chain;
  }
  const directionTable = addDirectionCells(cells, preset, paths, corpus, full);
  const controls = addControls(cells, preset, paths);
  const pretrainArgs = new Map(
    cells
      .filter((c): c is CellOf<'pretrain'> => c.kind === 'pretrain' && c.id.startsWith('pretrain-'))
      .map((c) => [c.id.slice('pretrain-'.length), c.args]),
  );
  addMlmCells(
    cells,
    [...t2, ...t3].map((v) => v.id),
    paths,
    pretrainArgs,
  );
  const seeds = addPretrainSeedCells(cells, preset, spec);
  const committedAllocations = new Map(
    cells
      .filter((c) => c.kind === 'allocate' && c.id.startsWith('allocate-'))
      .flatMap((c) =>
        c.outputs
          .filter((o) => o.startsWith(paths.results))
          .map((o) => [c.id.slice('allocate-'.length), o] as const),
      ),
  );
  cells.push(
    tableCell(
      'table2',
      t2.map((v) => v.id),
      csvOf,
      committedAllocations,
      controls,
      seeds,
      preset,
      paths,
    ),
    tableCell(
      'table3',
      ['full', 'radix-k3', ...t3.map((v) => v.id)],
      csvOf,
      committedAllocations,
      controls,
      seeds,
      preset,
      paths,
    ),
  );
  addTable4(cells, preset, paths);
  cells.push(directionTable);
  const pictured = ['full', ...preset.ks.map((k) => `radix-k${k}`), ...t3.map((v) => v.id)];
  cells.push(...figureCells(pictured, preset, paths, corpus));
  addCurveCells(cells, preset, spec);
  return { preset: preset.name, description: preset.description, cells };
}

/** Every preset's grid, by name. */
export function allGrids(): Grid[] {
  return Object.values(EXPERIMENT_PRESETS).map(buildGrid);
}
