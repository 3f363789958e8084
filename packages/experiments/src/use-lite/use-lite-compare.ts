import { bootstrapInterval, computeMetric, pairedAucDifference, pairedDifference } from '@ksub/evaluation';
import type { ModelOutputs } from './model-outputs';
import type { Interval } from './use-lite-record';

/** A paired difference B − A on one measure, with its 95% interval. */
export interface PairedMeasure {
  /** `sentence cosine`, a task name, or `paraphrase AUC`. */
  readonly measure: string;
  readonly delta: Interval;
}

/** What the probes and pairs need besides the outputs: gold labels per task and for the pairs. */
export interface Gold {
  readonly tasks: Readonly<
    Record<string, { readonly metric: 'accuracy' | 'f1'; readonly labels: readonly number[] }>
  >;
  readonly pairs?: readonly number[];
}

const pick = (values: ArrayLike<number>, idx: Int32Array) => Array.from(idx, (i) => values[i] as number);

/** An interval record of the bootstrap helpers' results (only the three fields the report keeps). */
export const toInterval = (r: { estimate: number; low: number; high: number }): Interval => ({
  estimate: r.estimate,
  low: r.low,
  high: r.high,
});

/**
 * The paired difference B − A of a test metric over the same examples, with a percentile bootstrap
 * interval over those examples: how a probe on one model's vectors compares with one on another's.
 */
export function pairedMetricDelta(
  metric: 'accuracy' | 'f1',
  labels: ArrayLike<number>,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): Interval {
  return toInterval(
    bootstrapInterval(
      labels.length,
      (idx) =>
        computeMetric(metric, pick(b, idx), pick(labels, idx)) -
        computeMetric(metric, pick(a, idx), pick(labels, idx)),
    ),
  );
}

/**
 * Paired differences of model B over model A on every measure both have: per-sentence cosine to
 * the original (bootstrap over sentences), each probe's test metric (bootstrap over the same test
 * examples) and paraphrase AUC (stratified bootstrap over the same pairs).
 */
export function comparePairedOutputs(a: ModelOutputs, b: ModelOutputs, gold: Gold): PairedMeasure[] {
  const out: PairedMeasure[] = [];
  const iv = toInterval;
  if (a.sentenceCosines && b.sentenceCosines)
    out.push({
      measure: 'sentence cosine',
      delta: iv(pairedDifference(a.sentenceCosines, b.sentenceCosines)),
    });
  for (const [task, { metric, labels }] of Object.entries(gold.tasks)) {
    const pa = a.predictions[task];
    const pb = b.predictions[task];
    if (!pa || !pb) continue;
    out.push({ measure: task, delta: pairedMetricDelta(metric, labels, pa, pb) });
  }
  if (gold.pairs && a.pairScores && b.pairScores)
    out.push({
      measure: 'paraphrase AUC',
      delta: iv(pairedAucDifference(a.pairScores, b.pairScores, gold.pairs)),
    });
  return out;
}
