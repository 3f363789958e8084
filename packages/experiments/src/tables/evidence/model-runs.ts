import type { MetricName } from '@ksub/evaluation';
import { type ResultRow, type RunPredictions, type Selection, selectConfiguration } from '@ksub/training';

/** One model's fine-tuning on one task under the held-out protocol, reduced to what tables compare. */
export interface ModelRuns {
  readonly model: string;
  readonly task: string;
  readonly metric: MetricName;
  /** The configuration chosen on dev (undefined for a deterministic baseline with no grid). */
  readonly selection?: Selection;
  /** Test score of each run at the chosen configuration, seed order. */
  readonly test: readonly number[];
  /** Those runs' test predictions (same order), all on the same examples. */
  readonly predictions: readonly (readonly number[])[];
  readonly gold: readonly number[];
  /** Fingerprint of the test examples (pairing check). */
  readonly examples: string;
}

/**
 * A model's runs at the configuration dev chose, with their test scores and predictions; undefined
 * when the rows hold no test row for it (fine-tuned under the earlier, dev-only protocol). The
 * configuration is chosen on `selectOn`'s dev rows: the task's own, or — under a multilingual
 * protocol — the protocol's selection split (English dev, or every language's dev pooled) while
 * `task` is one language's test split.
 *
 * @throws RangeError naming the model, task and seed when a chosen run's predictions are missing,
 *   or when runs scored different examples
 * @example
 * ```ts
 * modelRuns(rows, predictions, 'radix-k3', 'libreoffice-module-de', 'accuracy', 'libreoffice-module-en');
 * ```
 */
export function modelRuns(
  rows: readonly ResultRow[],
  predictions: readonly RunPredictions[],
  model: string,
  task: string,
  metric: MetricName,
  selectOn: string = task,
): ModelRuns | undefined {
  const own = rows.filter((r) => r.model === model && (r.task === task || r.task === selectOn));
  if (!own.some((r) => r.task === task && r.split === 'test')) return undefined;
  const selection = selectConfiguration(own, selectOn, metric);
  const test: number[] = [];
  const preds: RunPredictions[] = [];
  for (const run of selection.runs) {
    const row = own.find(
      (r) =>
        r.task === task &&
        r.split === 'test' &&
        r.metric === metric &&
        r.lr === run.lr &&
        r.batch === run.batch &&
        r.seed === run.seed,
    );
    const p = predictions.find(
      (q) =>
        q.model === model &&
        q.task === task &&
        q.split === row?.split &&
        q.lr === run.lr &&
        q.batch === run.batch &&
        q.seed === run.seed,
    );
    if (row === undefined || p === undefined)
      throw new RangeError(
        `modelRuns: ${model} on ${task}: the chosen run (lr ${run.lr}, batch ${run.batch}, seed ${run.seed}) has no ${row === undefined ? 'test row' : 'predictions'}`,
      );
    test.push(row.value);
    preds.push(p);
  }
  return fromPredictions(model, task, metric, preds, test, selection);
}

/**
 * A deterministic model's (or any set of runs') test predictions as {@link ModelRuns}, e.g. the
 * majority-class and bag-of-words baselines.
 *
 * @throws RangeError when the runs scored different examples or none is given
 */
export function fromPredictions(
  model: string,
  task: string,
  metric: MetricName,
  runs: readonly RunPredictions[],
  test: readonly number[],
  selection?: Selection,
): ModelRuns {
  const first = runs[0];
  if (first === undefined) throw new RangeError(`fromPredictions: ${model} on ${task} has no runs`);
  for (const r of runs)
    if (r.examples !== first.examples)
      throw new RangeError(
        `fromPredictions: ${model} on ${task}: seed ${r.seed} scored other test examples than seed ${first.seed}`,
      );
  return {
    model,
    task,
    metric,
    ...(selection === undefined ? {} : { selection }),
    test,
    predictions: runs.map((r) => r.predictions),
    gold: first.gold,
    examples: first.examples,
  };
}
