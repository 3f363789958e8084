import type { CellArgsInput } from '../cells/cell-kinds';
import type { Cell, CellOf } from './cell';
import {
  curveFinetuneCsv,
  curveLabel,
  curveMetricsFile,
  curveMlmFile,
  curveRunDir,
  snapshotModelDir,
  snapshotRecordFile,
} from './curve-paths';
import { checkCurveSettings, committedSnapshots, type CurveSettings } from './curve-settings';
import type { ChainSpec } from './model-chain';
import { metricsFile, mlmPositionsFile, resultFile } from './paths';
import type { ExperimentPreset } from './presets';

type PretrainArgs = CellArgsInput['pretrain'];

/**
 * A curve run's pretraining args: the variant's Table 2–3 args (`spec.pretrain`, the same builder)
 * with the curves' `steps` and `warmupSteps`, its own run directory, and `keepCheckpoints` (after
 * `checkpointEvery`, in the key order the grid writes).
 */
function curvePretrainArgs(
  spec: ChainSpec,
  curves: CurveSettings,
  embedding: PretrainArgs['embedding'],
  outDir: string,
): PretrainArgs {
  const { checkpointEvery, logEvery, ...head } = {
    ...spec.pretrain(embedding, outDir),
    steps: curves.steps,
    warmupSteps: curves.warmupSteps,
  };
  return { ...head, checkpointEvery, keepCheckpoints: curves.keepCheckpoints, logEvery };
}

/** The cells one curve variant adds, and what the `curves` cell reads of them. */
interface CurveChain {
  readonly ids: readonly string[];
  readonly input: CellArgsInput['curves']['variants'][number];
}

/**
 * Appends one variant's curve chain: `curve-pretrain-<v>` (the run, its metrics committed), and
 * per snapshot N `curve-snapshot-<v>-uN` (a model from the run's checkpoint at N),
 * `curve-mlm-<v>-uN` (its per-position validation losses) and, at `finetuneAt`,
 * `curve-finetune-<v>-uN-<task>`.
 */
function addCurveChain(
  cells: Cell[],
  spec: ChainSpec,
  curves: CurveSettings,
  table: CellOf<'pretrain'>,
  variant: string,
): CurveChain {
  const { paths } = spec;
  const runDir = curveRunDir(paths, variant);
  const metrics = curveMetricsFile(paths, variant);
  const pretrain = curvePretrainArgs(spec, curves, table.args.embedding, runDir);
  const pretrainId = `curve-pretrain-${variant}`;
  cells.push({
    id: pretrainId,
    kind: 'pretrain',
    // the Table 2–3 run's inputs: the corpus and the variant's allocation
    dependsOn: [...table.dependsOn],
    outputs: [runDir, metrics],
    args: pretrain,
  });
  const ids = [pretrainId];
  const committed = committedSnapshots(curves, variant);
  const snapshots = curves.snapshots.map((step) => {
    const label = curveLabel(variant, step);
    const model = snapshotModelDir(paths, label, committed.includes(step));
    const record = snapshotRecordFile(paths, label);
    const snapshotId = `curve-snapshot-${variant}-u${step}`;
    const mlm = curveMlmFile(paths, label);
    cells.push(
      {
        id: snapshotId,
        kind: 'snapshot',
        dependsOn: [pretrainId],
        // the record first: the cell's marker goes beside it, committed or not
        outputs: [record, model],
        args: { pretrain, step, out: model, record },
      },
      {
        id: `curve-mlm-${variant}-u${step}`,
        kind: 'mlm-positions',
        dependsOn: [spec.corpusCell, snapshotId],
        outputs: [mlm],
        args: { model, pretrain, out: mlm },
      },
    );
    ids.push(`curve-mlm-${variant}-u${step}`);
    const finetune = curves.finetuneAt.includes(step)
      ? spec.finetunes.map((f) => {
          const out = curveFinetuneCsv(paths, label, f.name);
          const id = `curve-finetune-${variant}-u${step}-${f.name}`;
          cells.push({
            id,
            kind: 'finetune',
            dependsOn: [snapshotId],
            outputs: [out],
            args: f.args(model, label, out),
          });
          ids.push(id);
          return out;
        })
      : [];
    return { step, label, mlm, finetune };
  });
  return {
    ids,
    input: {
      id: variant,
      metrics,
      run: runDir,
      annealed: metricsFile(paths, '', variant),
      annealedPositions: mlmPositionsFile(paths, variant),
      snapshots,
    },
  };
}

/**
 * Appends a preset's learning-curve cells (`preset.curves`; none without it) after its Tables 2–3
 * cells, which must be in `cells` already: per variant its chain (see `addCurveChain`: a
 * pretraining run of `curves.steps` updates keeping every checkpoint, a model per snapshot, its MLM
 * positions, fine-tunings at `finetuneAt`), then the `curves` cell (`curves.md`, `.csv`, `.svg`),
 * which also reads the variants' own Table 2–3 runs (annealed at the preset's steps) as points.
 *
 * @throws RangeError (from {@link checkCurveSettings}) for settings that break a rule, naming the field
 * @example
 * ```ts
 * addCurveCells(cells, EXPERIMENT_PRESETS.mini, spec); // curve-pretrain-full, curve-snapshot-full-u1000, …, curves
 * ```
 */
export function addCurveCells(cells: Cell[], preset: ExperimentPreset, spec: ChainSpec): void {
  const curves = preset.curves;
  if (curves === undefined) return;
  // the main (seed-1) runs of Tables 2–3: not the pretraining-seed study's other seeds
  const tables = new Map(
    cells
      .filter(
        (c): c is CellOf<'pretrain'> =>
          c.kind === 'pretrain' && c.id.startsWith('pretrain-') && c.args.seed === 1,
      )
      .map((c) => [c.id.slice('pretrain-'.length), c]),
  );
  checkCurveSettings(curves, `${preset.name}.curves`, preset.pretrain.checkpointEvery, [...tables.keys()]);
  const chains = curves.variants.map((v) =>
    addCurveChain(cells, spec, curves, tables.get(v) as CellOf<'pretrain'>, v),
  );
  const { paths } = spec;
  cells.push({
    id: 'curves',
    kind: 'curves',
    // the variants' Table 2–3 runs and their MLM positions (the schedule comparison), then the chains
    dependsOn: [
      ...curves.variants.flatMap((v) => [`pretrain-${v}`, `mlm-${v}`]),
      ...chains.flatMap((c) => c.ids),
    ],
    outputs: ['curves.md', 'curves.csv', 'curves.svg'].map((f) => resultFile(paths, f)),
    args: {
      reference: curves.variants[0] as string,
      tokensPerUpdate: preset.pretrain.batchSize * preset.maxLength,
      tasks: preset.finetune.tasks,
      variants: chains.map((c) => c.input),
      ...(curves.computeMatched === undefined ? {} : { computeMatched: curves.computeMatched }),
    },
  });
}
