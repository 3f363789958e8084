import { assert, describe } from '@ksub/core';
import { stats } from '../simple-statistics';

const { mean, sampleStandardDeviation } = stats;

/** Student's t 0.975 quantiles for 1–30 degrees of freedom (standard tables, 3 decimals). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The standard normal 0.975 quantile (simple-statistics' `probit` is good to only ~3 decimals). */
const Z975 = 1.959963984540054;

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom: the table for df ≤ 30, the
 * Cornish–Fisher expansion around the normal quantile beyond (within 1e-4 there).
 */
export function tQuantile975(df: number): number {
  assert(
    Number.isSafeInteger(df) && df >= 1,
    () => `tQuantile975: df must be an integer >= 1; got ${describe(df)}`,
    RangeError,
  );
  const table = T975[df - 1];
  if (table !== undefined) return table;
  const z = Z975;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

/** A mean with its 95% confidence interval. */
export interface MeanInterval {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  /** How many values (seeds) it rests on. */
  readonly n: number;
}

/**
 * Mean and 95% t-interval of values measured over independent runs (fine-tuning seeds,
 * pretraining seeds): mean ± t(0.975, n − 1) · s / √n. One value gives an interval of just
 * that value (no spread can be estimated; `n` says so).
 *
 * @throws RangeError for an empty list or a value that is not finite
 * @example
 * ```ts
 * meanInterval([0.70, 0.72, 0.71]); // { mean: 0.71, low: 0.685…, high: 0.734…, n: 3 }
 * ```
 */
export function meanInterval(values: readonly number[]): MeanInterval {
  assert(values.length > 0, () => 'meanInterval: values must not be empty; got []', RangeError);
  values.forEach((v, i) =>
    assert(
      Number.isFinite(v),
      () => `meanInterval: values[${i}] must be a finite number; got ${describe(v)}`,
      RangeError,
    ),
  );
  const m = mean([...values]);
  if (values.length === 1) return { mean: m, low: m, high: m, n: 1 };
  const half =
    (tQuantile975(values.length - 1) * sampleStandardDeviation([...values])) / Math.sqrt(values.length);
  return { mean: m, low: m - half, high: m + half, n: values.length };
}
