import { existsSync } from 'node:fs';
import { writeFileAtomic } from '@ksub/core/node';
import { appendPredictions, readPredictions, type RunPredictions } from './predictions-file';
import { appendResults, readResultRows, type ResultRow } from './results-csv';
import type { RunKey } from './selection';

/** The runs an interrupted grid finished, and their rows and predictions. */
export interface FinishedRuns {
  readonly rows: readonly ResultRow[];
  readonly predictions: readonly RunPredictions[];
  /** `lr|batch|seed` of each finished run. */
  readonly keys: ReadonlySet<string>;
}

/** A run's key as {@link FinishedRuns.keys} holds it. */
export const runId = (k: RunKey): string => `${k.lr}|${k.batch}|${k.seed}`;

/**
 * Keeps what an interrupted fine-tuning grid finished: a run is finished once its predictions are
 * written (the last thing a run writes). The results CSV and the predictions file are rewritten
 * (atomically) with the finished runs' rows only, so the interrupted run starts again cleanly.
 *
 * @example
 * ```ts
 * const done = await keepFinishedRuns('out/full-sms-spam.csv', 'out/full-sms-spam.predictions.jsonl', 'sms-spam');
 * done.keys.has('0.0003|16|1');
 * ```
 */
export async function keepFinishedRuns(
  resultsCsv: string,
  predictionsFile: string,
  selectionTask: string,
): Promise<FinishedRuns> {
  if (!existsSync(resultsCsv)) return { rows: [], predictions: [], keys: new Set() };
  const predictions = await readPredictions(predictionsFile);
  const keys = new Set(predictions.filter((p) => p.task === selectionTask).map(runId));
  const rows = (await readResultRows(resultsCsv)).filter((r) => keys.has(runId(r)));
  const kept = predictions.filter((p) => keys.has(runId(p)));
  await writeFileAtomic(resultsCsv, '');
  await writeFileAtomic(predictionsFile, '');
  if (rows.length > 0) await appendResults(resultsCsv, rows);
  if (kept.length > 0) await appendPredictions(predictionsFile, kept);
  return { rows, predictions: kept, keys };
}

/**
 * The training steps an interrupted grid's finished runs stand for, so a resumed grid's progress bar
 * starts there and its rate and ETA count only the runs still to train. A run listed more than once
 * (its predictions on several test sets) counts once.
 *
 * @param runs - the finished runs ({@link FinishedRuns.predictions})
 * @param stepsOf - a run's planned steps at a batch size
 * @example
 * ```ts
 * finishedSteps([{ lr: 1e-3, batch: 32, seed: 1 }, { lr: 1e-3, batch: 16, seed: 2 }], (b) => Math.ceil(1000 / b) * 3); // 96 + 189
 * ```
 */
export function finishedSteps(runs: readonly RunKey[], stepsOf: (batch: number) => number): number {
  const seen = new Set<string>();
  let steps = 0;
  for (const run of runs) {
    const id = runId(run);
    if (seen.has(id)) continue;
    seen.add(id);
    steps += stepsOf(run.batch);
  }
  return steps;
}
