import {
  type BootstrapInterval,
  bootstrapInterval,
  computeMetric,
  type McNemarResult,
  mcnemar,
  modeOf,
} from '@ksub/evaluation';
import type { ModelRuns } from './model-runs';

/**
 * The metric of each run on some example indices, averaged over runs: a model's seed-averaged
 * score on one bootstrap resample.
 *
 * @example
 * ```ts
 * meanMetricAt(runs, new Int32Array([0, 0, 3])); // the example at 0 counted twice
 * ```
 */
export function meanMetricAt(runs: ModelRuns, idx: Int32Array): number {
  const gold = Array.from(idx, (i) => runs.gold[i] as number);
  let sum = 0;
  for (const p of runs.predictions)
    sum += computeMetric(
      runs.metric,
      Array.from(idx, (i) => p[i] as number),
      gold,
    );
  return sum / runs.predictions.length;
}

/** Each example's majority prediction over the runs (ties: the lowest class). */
export function majorityVote(runs: ModelRuns): number[] {
  return runs.gold.map((_, i) => modeOf(runs.predictions.map((p) => p[i] as number)));
}

/** A model's difference to a reference on the same test examples. */
export interface PairedComparison {
  /** Mean over seeds of model − reference (the task's metric), with its paired bootstrap 95% interval over the test examples. */
  readonly delta: BootstrapInterval;
  /** McNemar's test on the two models' majority votes over seeds. */
  readonly mcnemar: McNemarResult;
  /** Whether the interval excludes zero. */
  readonly real: boolean;
}

/**
 * Compares a model with a reference paired on the same test examples: the difference of their
 * seed-averaged metric, with a percentile bootstrap interval that resamples examples (the same
 * resample for both, so the pairing is kept), and McNemar's test on their majority votes.
 *
 * @throws RangeError when the two scored different examples
 * @example
 * ```ts
 * const { delta, real } = comparePaired(full, radixK3);
 * ```
 */
export function comparePaired(reference: ModelRuns, model: ModelRuns, seed = 1): PairedComparison {
  if (reference.examples !== model.examples)
    throw new RangeError(
      `comparePaired: ${model.model} and ${reference.model} scored different ${model.task} test examples; they cannot be paired`,
    );
  const delta = bootstrapInterval(
    model.gold.length,
    (idx) => meanMetricAt(model, idx) - meanMetricAt(reference, idx),
    { seed },
  );
  const refVote = majorityVote(reference);
  const modelVote = majorityVote(model);
  const test = mcnemar(
    refVote.map((y, i) => y === reference.gold[i]),
    modelVote.map((y, i) => y === model.gold[i]),
  );
  return { delta, mcnemar: test, real: delta.low > 0 || delta.high < 0 };
}

/**
 * A McNemar p-value as the tables print it: three decimals, or `< 0.001`.
 *
 * @example
 * ```ts
 * formatPValue(0.125); // '0.125'
 * formatPValue(2e-5); // '< 0.001'
 * ```
 */
export function formatPValue(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}
