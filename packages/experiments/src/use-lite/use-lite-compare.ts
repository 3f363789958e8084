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

const pick = (values: readonly number[], idx: Int32Array) => Array.from(idx, (i) => values[i] as number);

/**
 * Paired differences of model B over model A on every measure both have: per-sentence cosine to
 * the original (bootstrap over sentences), each probe's test metric (bootstrap over the same test
 * examples) and paraphrase AUC (stratified bootstrap over the same pairs).
 */
export function comparePairedOutputs(a: ModelOutputs, b: ModelOutputs, gold: Gold): PairedMeasure[] {
  const out: PairedMeasure[] = [];
  const iv = (r: { estimate: number; low: number; high: number }): Interval => ({
    estimate: r.estimate,
    low: r.low,
    high: r.high,
  });
  if (a.sentenceCosines && b.sentenceCosines)
    out.push({
      measure: 'sentence cosine',
      delta: iv(pairedDifference(a.sentenceCosines, b.sentenceCosines)),
    });
  for (const [task, { metric, labels }] of Object.entries(gold.tasks)) {
    const pa = a.predictions[task];
    const pb = b.predictions[task];
    if (!pa || !pb) continue;
    const d = bootstrapInterval(
      labels.length,
      (idx) =>
        computeMetric(metric, pick(pb, idx), pick(labels, idx)) -
        computeMetric(metric, pick(pa, idx), pick(labels, idx)),
    );
    out.push({ measure: task, delta: iv(d) });
  }
  if (gold.pairs && a.pairScores && b.pairScores)
    out.push({
      measure: 'paraphrase AUC',
      delta: iv(pairedAucDifference(a.pairScores, b.pairScores, gold.pairs)),
    });
  return out;
}
