import type { CellArgsInput } from '../cells/cell-kinds';
import type { Cell } from './cell';
import {
  allocationFile,
  finetuneCsv,
  type GridPaths,
  keptModel,
  metricsFile,
  pretrainDir,
  scratchModel,
} from './paths';
import type { ExperimentPreset } from './presets';
import type { Variant } from './variants';

/** How a model's pretraining run is set up, given its embedding and run directory. */
export type PretrainArgsOf = (
  embedding: CellArgsInput['pretrain']['embedding'],
  outDir: string,
) => CellArgsInput['pretrain'];

/** One fine-tuning of each model: its name in ids and files (a task or protocol), and its args. */
export interface FinetuneOf {
  readonly name: string;
  readonly args: (model: string, label: string, out: string) => CellArgsInput['finetune'];
}

/** What a family of models (Tables 2–3, or Table 4's multilingual ones) shares. */
export interface ChainSpec {
  readonly paths: GridPaths;
  /** `ml-` for Table 4's cells, '' for Tables 2–3. */
  readonly prefix: string;
  /** The `corpus` cell the pretraining reads. */
  readonly corpusCell: string;
  readonly pretrain: PretrainArgsOf;
  readonly finetunes: readonly FinetuneOf[];
  /** Variant ids whose model stays scratch ({@link scratchModel}) rather than kept (default none). */
  readonly scratch?: readonly string[];
}

/** The cells a model chain added that later cells read. */
export interface ModelChain {
  /** The fine-tuning cells' ids and CSVs, in order. */
  readonly finetuneIds: readonly string[];
  readonly csvs: readonly string[];
}

/**
 * Appends one variant's model chain to `cells`: its allocation (unless full), the pretraining run
 * (seed 1, its model kept in the repository, or under `runs/` when `spec.scratch` names it), and a
 * fine-tuning cell per task or protocol (of that model) — the same chain for Tables 2–3 and for
 * Table 4's multilingual models. Ids are `<prefix>allocate-<id>`, `<prefix>pretrain-<id>`,
 * `<prefix>finetune-<id>-<task>`.
 *
 * @example
 * ```ts
 * const { csvs } = addModelChain(cells, spec, { id: 'full', allocation: null, needs: [] });
 * ```
 */
export function addModelChain(cells: Cell[], spec: ChainSpec, variant: Variant): ModelChain {
  const { paths, prefix } = spec;
  const pretrainDeps = [spec.corpusCell];
  let embedding: CellArgsInput['pretrain']['embedding'] = { kind: 'full' };
  if (variant.allocation !== null) {
    // an allocation clustered on a trained model is costly to remake: committed
    const file = allocationFile(paths, prefix, variant.id, variant.needs.length > 0);
    const id = `${prefix}allocate-${variant.id}`;
    cells.push({
      id,
      kind: 'allocate',
      dependsOn: [...variant.needs],
      outputs: [file],
      args: { ...variant.allocation, seed: 1, out: file },
    });
    pretrainDeps.push(id);
    embedding = { kind: 'ksub', allocationFile: file };
  }
  const pretrainId = `${prefix}pretrain-${variant.id}`;
  const outDir = pretrainDir(paths, prefix, variant.id);
  const model = (spec.scratch ?? []).includes(variant.id)
    ? scratchModel(paths, prefix, variant.id)
    : keptModel(paths, prefix, variant.id);
  cells.push({
    id: pretrainId,
    kind: 'pretrain',
    dependsOn: pretrainDeps,
    outputs: [outDir, metricsFile(paths, prefix, variant.id), model],
    args: spec.pretrain(embedding, outDir),
  });
  const finetuneIds: string[] = [];
  const csvs: string[] = [];
  for (const f of spec.finetunes) {
    const out = finetuneCsv(paths, prefix, variant.id, f.name);
    const id = `${prefix}finetune-${variant.id}-${f.name}`;
    cells.push({
      id,
      kind: 'finetune',
      dependsOn: [pretrainId],
      outputs: [out],
      args: f.args(model, variant.id, out),
    });
    finetuneIds.push(id);
    csvs.push(out);
  }
  return { finetuneIds, csvs };
}

/**
 * The fine-tunings of a preset's English models (Tables 2–3, seed 001): one per task, over the
 * preset's lr × batch grid.
 */
export function taskFinetunes(preset: ExperimentPreset): FinetuneOf[] {
  const { tasks, ...grid } = preset.finetune;
  return tasks.map((task) => ({
    name: task,
    args: (model, label, out) => ({ task, model, label, ...grid, out }),
  }));
}
