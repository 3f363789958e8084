import { assert } from '@ksub/core';
import { stats } from '../simple-statistics';

const { sampleCorrelation, sampleRankCorrelation } = stats;

function check(fn: string, predictions: ArrayLike<number>, gold: ArrayLike<number>): [number[], number[]] {
  assert(
    predictions.length === gold.length,
    () => `${fn}: predictions and gold must have equal length; got ${predictions.length} and ${gold.length}`,
    RangeError,
  );
  assert(gold.length >= 2, () => `${fn}: needs at least 2 pairs; got ${gold.length}`, RangeError);
  const p = Array.from(predictions);
  const g = Array.from(gold);
  p.forEach((v, i) =>
    assert(
      Number.isFinite(v) && Number.isFinite(g[i]),
      () => `${fn}: values must be finite; got prediction ${v} and gold ${g[i]} at ${i}`,
      RangeError,
    ),
  );
  return [p, g];
}

const isConstant = (values: number[]): boolean => values.every((v) => v === values[0]);

/**
 * Pearson correlation (GLUE: STS-B, with Spearman), by simple-statistics' `sampleCorrelation`. It
 * is undefined when either side is constant (zero variance); ksub then returns 0 — a constant
 * predictor carries no linear association — rather than NaN.
 *
 * @throws RangeError for arrays of different length, fewer than 2 pairs, or non-finite values.
 * @example
 * ```ts
 * pearson([1, 2, 3], [2, 4, 7]); // 0.9934
 * ```
 */
export function pearson(predictions: ArrayLike<number>, gold: ArrayLike<number>): number {
  const [p, g] = check('pearson', predictions, gold);
  return isConstant(p) || isConstant(g) ? 0 : sampleCorrelation(p, g);
}

/**
 * Spearman rank correlation with average ranks for ties (as SciPy's `spearmanr`), by
 * simple-statistics' `sampleRankCorrelation`; 0 when either side is constant.
 *
 * @throws RangeError for arrays of different length, fewer than 2 pairs, or non-finite values.
 * @example
 * ```ts
 * spearman([1, 2, 2, 3], [1, 2, 3, 4]); // 0.9487 (ties share rank 2.5)
 * ```
 */
export function spearman(predictions: ArrayLike<number>, gold: ArrayLike<number>): number {
  const [p, g] = check('spearman', predictions, gold);
  return isConstant(p) || isConstant(g) ? 0 : sampleRankCorrelation(p, g);
}
