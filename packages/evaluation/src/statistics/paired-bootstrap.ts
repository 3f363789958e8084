import { assert, describe, Rng } from '@ksub/core';
import { stats } from '../simple-statistics';

const { quantileSorted } = stats;

/** Options of {@link bootstrapInterval}. */
export interface BootstrapOptions {
  /** Resamples drawn (default 2,000). */
  readonly resamples?: number;
  /** Seed of the resampling (default 1): the same seed gives the same interval. */
  readonly seed?: number;
  /** Two-sided coverage (default 0.95). */
  readonly confidence?: number;
}

/** An estimate with its bootstrap percentile interval. */
export interface BootstrapInterval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly resamples: number;
}

const DEFAULTS = { resamples: 2000, seed: 1, confidence: 0.95 } as const;

/**
 * The options of a bootstrap with their defaults filled in, checked: shared by every bootstrap of
 * the package so that they all take the same options with the same defaults (2,000 resamples,
 * seed 1, 95%) and draw from `Rng.fromSeed(seed)`.
 *
 * @param fn - the caller, named in errors
 * @throws RangeError for fewer than 100 resamples or a confidence outside (0, 1)
 * @example
 * ```ts
 * const { resamples, seed, confidence } = bootstrapSettings('rocAucInterval', options);
 * ```
 */
export function bootstrapSettings(fn: string, options: BootstrapOptions) {
  const settings = { ...DEFAULTS, ...options };
  const { resamples, confidence } = settings;
  assert(
    Number.isSafeInteger(resamples) && resamples >= 100,
    () => `${fn}: resamples must be an integer >= 100; got ${describe(resamples)}`,
    RangeError,
  );
  assert(
    confidence > 0 && confidence < 1,
    () => `${fn}: confidence must be in (0, 1); got ${describe(confidence)}`,
    RangeError,
  );
  return settings;
}

/**
 * The percentile interval of resampled statistics: their central `confidence` quantiles
 * (simple-statistics' `quantileSorted`), with the estimate from the data as drawn.
 *
 * @example
 * ```ts
 * percentileInterval(statistic(all), resampledStatistics, 0.95);
 * ```
 */
export function percentileInterval(
  estimate: number,
  resampled: Float64Array,
  confidence: number,
): BootstrapInterval {
  const sorted = Array.from(resampled).sort((x, y) => x - y);
  const tail = (1 - confidence) / 2;
  return {
    estimate,
    low: quantileSorted(sorted, tail),
    high: quantileSorted(sorted, 1 - tail),
    resamples: resampled.length,
  };
}

/**
 * Percentile bootstrap over `n` paired examples: `statistic` is computed on the examples as they
 * are (the estimate) and on `resamples` resamples of their indices drawn with replacement; the
 * interval is the resampled statistics' central `confidence` quantiles. Because both models are
 * resampled on the same indices, the interval of a difference accounts for the pairing.
 *
 * @param statistic - computes the statistic from example indices (e.g. F1 of B − F1 of A)
 * @throws RangeError for n < 2 or out-of-range options
 * @example
 * ```ts
 * bootstrapInterval(a.length, (idx) => meanOf(b, idx) - meanOf(a, idx));
 * ```
 */
export function bootstrapInterval(
  n: number,
  statistic: (indices: Int32Array) => number,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const fn = 'bootstrapInterval';
  assert(
    Number.isSafeInteger(n) && n >= 2,
    () => `${fn}: n must be an integer >= 2; got ${describe(n)}`,
    RangeError,
  );
  const { resamples, seed, confidence } = bootstrapSettings(fn, options);
  const all = new Int32Array(n).map((_, i) => i);
  const rng = Rng.fromSeed(seed);
  const stats = new Float64Array(resamples);
  const idx = new Int32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) idx[i] = rng.nextInt(n);
    stats[r] = statistic(idx);
  }
  return percentileInterval(statistic(all), stats, confidence);
}

/**
 * Paired bootstrap of the difference of means, B − A, over per-example scores of two models on
 * the same examples (1/0 for correct/wrong gives the accuracy difference; per-position losses give
 * the MLM loss difference).
 *
 * @throws RangeError when the lists differ in length, are shorter than 2 or hold a non-finite value
 * @example
 * ```ts
 * pairedDifference(fullCorrect, ksubCorrect); // { estimate: -0.021, low: -0.04, high: -0.003, … }
 * ```
 */
export function pairedDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const fn = 'pairedDifference';
  assert(
    a.length === b.length,
    () => `${fn}: a and b must be paired (equal lengths); got ${a.length} and ${b.length}`,
    RangeError,
  );
  const d = Float64Array.from({ length: a.length }, (_, i) => {
    const v = (b[i] as number) - (a[i] as number);
    assert(
      Number.isFinite(v),
      () => `${fn}: scores at ${i} must be finite; got ${describe(a[i])} and ${describe(b[i])}`,
      RangeError,
    );
    return v;
  });
  return bootstrapInterval(
    d.length,
    (idx) => {
      let s = 0;
      for (let i = 0; i < idx.length; i++) s += d[idx[i] as number] as number;
      return s / idx.length;
    },
    options,
  );
}
