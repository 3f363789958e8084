import { bootstrapInterval } from '@ksub/evaluation';
import type { RunPredictions } from '@ksub/training';

/** A difference with its 95% interval. */
export interface Delta {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** The normal 0.975 quantile. */
const Z = 1.959963984540054;

/** Accuracy difference model − reference on one language's examples, paired bootstrap 95%. */
export function languageDelta(reference: RunPredictions, model: RunPredictions): Delta {
  if (reference.examples !== model.examples)
    throw new RangeError(
      `languageDelta: ${model.model} and ${reference.model} scored different ${model.task} examples; they cannot be paired`,
    );
  const right = (p: RunPredictions) => p.predictions.map((y, i) => (y === p.gold[i] ? 1 : 0));
  const [a, b] = [right(reference), right(model)];
  const b_ = bootstrapInterval(a.length, (idx) => {
    let d = 0;
    for (const i of idx) d += (b[i] as number) - (a[i] as number);
    return d / idx.length;
  });
  return { estimate: b_.estimate, low: b_.low, high: b_.high };
}

/**
 * The average of per-language differences, with a 95% interval from their bootstrap standard
 * errors (the languages' examples are independent: SE of the mean = √ΣSE² / L, each SE read off
 * its interval as half-width / 1.96).
 *
 * @example
 * ```ts
 * averageDelta([{ estimate: -0.02, low: -0.06, high: 0.02 }]); // the same interval back
 * ```
 */
export function averageDelta(deltas: readonly Delta[]): Delta {
  const n = deltas.length;
  const estimate = deltas.reduce((s, d) => s + d.estimate, 0) / n;
  const se = Math.sqrt(deltas.reduce((s, d) => s + ((d.high - d.low) / (2 * Z)) ** 2, 0)) / n;
  return { estimate, low: estimate - Z * se, high: estimate + Z * se };
}

/** `+1.2 [−0.4, +2.9]` in percent points, `\*` when the interval excludes zero. */
export function formatDelta(d: Delta): string {
  const f = (v: number) => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)}`;
  return `${f(d.estimate)} [${f(d.low)}, ${f(d.high)}]${d.low > 0 || d.high < 0 ? ' \\*' : ''}`;
}
