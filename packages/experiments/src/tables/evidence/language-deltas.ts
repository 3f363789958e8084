import { formatSignedPercentInterval } from '../../report/number-format';

/** A difference with its 95% interval. */
export interface Delta {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** The normal 0.975 quantile. */
const Z = 1.959963984540054;

/**
 * The average of per-language differences, with a 95% interval from their bootstrap standard
 * errors, treating the languages' examples as independent: SE of the mean = √ΣSE² / L, each SE
 * read off its interval as half-width / 1.96. (Held-out sets of one size are better resampled
 * jointly: `averageOverExamples`.)
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
  return `${formatSignedPercentInterval(d.estimate, d.low, d.high)}${d.low > 0 || d.high < 0 ? ' \\*' : ''}`;
}
