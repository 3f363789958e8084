import type { Cell, CellOf, Grid } from './cell';
import { addDirectionCells } from './direction-grid';
import {
  addModelChain,
  type ChainSpec,
  type ModelChain,
  type PretrainArgsOf,
  taskFinetunes,
} from './model-chain';
import { corpusDir, type GridPaths, gridPaths, modelOf, pretrainDir, resultFile } from './paths';
import { EXPERIMENT_PRESETS, type ExperimentPreset } from './presets';
import { addTable4 } from './table4-grid';
import { embeddingParamsOf, table2Variants, table3Variants } from './variants';

/** Table 2 or 3 over some variants' fine-tuning CSVs. */
function tableCell(
  name: 'table2' | 'table3',
  variants: readonly string[],
  csvOf: ReadonlyMap<string, readonly string[]>,
  preset: ExperimentPreset,
  paths: GridPaths,
): CellOf<'table'> {
  return {
    id: name,
    kind: 'table',
    dependsOn: variants.flatMap((v) => preset.finetune.tasks.map((t) => `finetune-${v}-${t}`)),
    outputs: [resultFile(paths, `${name}.md`), resultFile(paths, `${name}.csv`)],
    args: {
      table: name,
      inputs: variants.flatMap((v) => csvOf.get(v) ?? []),
      variants,
      params: Object.fromEntries(variants.map((v) => [v, embeddingParamsOf(v, preset)])),
    },
  };
}

/** Figs. 2 and 3 over the pretrained models of Tables 2–3. */
function figureCells(
  pictured: readonly string[],
  preset: ExperimentPreset,
  paths: GridPaths,
  corpus: string,
): Cell[] {
  const models = Object.fromEntries(pictured.map((v) => [v, modelOf(pretrainDir(paths, '', v))]));
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
 * Table 4's multilingual chains and table; the seed-001 table; Figs. 2–3. Paths follow `paths.ts`.
 * Loads no TensorFlow.js (the cells' types only).
 *
 * @example
 * ```ts
 * buildGrid(EXPERIMENT_PRESETS.mini).cells.length; // 86
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
  cells.push(
    tableCell(
      'table2',
      t2.map((v) => v.id),
      csvOf,
      preset,
      paths,
    ),
    tableCell('table3', ['full', 'radix-k3', ...t3.map((v) => v.id)], csvOf, preset, paths),
  );
  addTable4(cells, preset, paths);
  cells.push(directionTable);
  const pictured = ['full', ...preset.ks.map((k) => `radix-k${k}`), ...t3.map((v) => v.id)];
  cells.push(...figureCells(pictured, preset, paths, corpus));
  return { preset: preset.name, description: preset.description, cells };
}

/** Every preset's grid, by name. */
export function allGrids(): Grid[] {
  return Object.values(EXPERIMENT_PRESETS).map(buildGrid);
}
