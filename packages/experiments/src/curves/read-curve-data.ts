import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { getTask, type MetricName } from '@ksub/evaluation';
import { readMetrics, readPositionsCsv } from '@ksub/training';
import type { CurvesArgs } from '../cells/curves-cell';
import { isFinished } from '../cells/common';
import { modelRuns, type ModelRuns } from '../tables/evidence/model-runs';
import type { CurveData, SnapshotData, ValidationPoint, VariantCurve } from './curve-data';
import { readFinetuneResults } from '../tables/evidence/read-finetune-results';

/** The validation records of a metrics file. */
async function validationOf(path: string): Promise<ValidationPoint[]> {
  return (await readMetrics(path))
    .filter(
      (r) => r['type'] === 'validation' && typeof r['step'] === 'number' && typeof r['loss'] === 'number',
    )
    .map((r) => ({
      step: r['step'] as number,
      loss: r['loss'] as number,
      ...(typeof r['unigramLoss'] === 'number' ? { unigramLoss: r['unigramLoss'] } : {}),
    }));
}

/** One snapshot's MLM positions and held-out runs, from the files whose cells have finished. */
async function snapshotData(
  s: CurvesArgs['variants'][number]['snapshots'][number],
  tasks: readonly { name: string; metric: MetricName }[],
  missing: string[],
): Promise<SnapshotData> {
  const positions = isFinished(s.mlm) ? await readPositionsCsv(s.mlm) : undefined;
  if (positions === undefined) missing.push(basename(s.mlm));
  const { rows, predictions, unfinished } = await readFinetuneResults(s.finetune);
  missing.push(...unfinished.map((f) => basename(f)));
  const runs = new Map<string, ModelRuns>();
  for (const { name, metric } of tasks) {
    const r = modelRuns(rows, predictions, s.label, name, metric);
    if (r !== undefined) runs.set(name, r);
  }
  return { step: s.step, label: s.label, positions, finetuned: s.finetune.length > 0, runs };
}

/** A variant's curve: the committed metrics once its run's cell has finished, else the run directory's so far. */
async function variantCurve(
  v: CurvesArgs['variants'][number],
  tasks: readonly { name: string; metric: MetricName }[],
  missing: string[],
): Promise<VariantCurve> {
  let validation: ValidationPoint[] | undefined;
  let inProgress = false;
  if (isFinished(v.metrics)) validation = await validationOf(v.metrics);
  else {
    missing.push(basename(v.metrics));
    const live = v.run === undefined ? undefined : join(v.run, 'metrics.jsonl');
    if (live !== undefined && existsSync(live)) {
      validation = await validationOf(live);
      inProgress = true;
    }
  }
  const annealed =
    v.annealed !== undefined && isFinished(v.annealed) ? (await validationOf(v.annealed)).at(-1) : undefined;
  const annealedPositions =
    v.annealedPositions !== undefined && isFinished(v.annealedPositions)
      ? await readPositionsCsv(v.annealedPositions)
      : undefined;
  const snapshots: SnapshotData[] = [];
  for (const s of v.snapshots) snapshots.push(await snapshotData(s, tasks, missing));
  return { id: v.id, validation, inProgress, annealed, annealedPositions, snapshots };
}

/**
 * Reads what the `curves` cell draws from: each curve run's validation records (the committed copy,
 * or the run directory's while the run is under way), each variant's annealed Table 2–3 run, each
 * snapshot's per-position MLM losses and held-out fine-tuning runs — only from files whose cells
 * have finished (their `.cell.json` marker); the others are listed in `missing`.
 *
 * @throws the readers' errors for a finished file that is malformed; RangeError from `modelRuns`
 *   when a chosen run has no predictions
 */
export async function readCurveData(args: CurvesArgs): Promise<CurveData> {
  const tasks = args.tasks.map((name) => ({ name, metric: getTask(name).metrics[0] ?? 'accuracy' }));
  const missing: string[] = [];
  const variants: VariantCurve[] = [];
  for (const v of args.variants) variants.push(await variantCurve(v, tasks, missing));
  return {
    reference: args.reference,
    tokensPerUpdate: args.tokensPerUpdate,
    tasks,
    variants,
    ...(args.computeMatched === undefined ? {} : { computeMatched: args.computeMatched }),
    missing,
  };
}
