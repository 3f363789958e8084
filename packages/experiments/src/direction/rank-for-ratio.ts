import { assert, assertInteger, describe } from '@ksub/core';

/**
 * The code size r of a post-hoc factorization of an N × d matrix at a compression ratio, counted
 * as the direction paper does: ratio = N·d / (N·r + r·d). The largest r whose ratio is at least
 * the one asked for, so for BERT-base (N = 30,522, d = 768) ratios 2.5 / 5 / 10 give the paper's
 * SVD ranks 299 / 149 / 74.
 *
 * @example
 * ```ts
 * rankForRatio(50265, 128, 10); // 12
 * ```
 *
 * @throws RangeError naming the argument when N or d is not a positive integer, or the ratio is
 *   not > 1, or so large that not even r = 1 reaches it.
 */
export function rankForRatio(vocabSize: number, dim: number, ratio: number): number {
  const fn = 'rankForRatio';
  assertInteger(fn, 'vocabSize', vocabSize, { min: 2 });
  assertInteger(fn, 'dim', dim, { min: 2 });
  assert(
    typeof ratio === 'number' && Number.isFinite(ratio) && ratio > 1,
    () => `${fn}: ratio must be a finite number > 1; got ${describe(ratio)}`,
    RangeError,
  );
  const rank = Math.floor((vocabSize * dim) / (ratio * (vocabSize + dim)));
  assert(
    rank >= 1,
    () =>
      `${fn}: ratio ${ratio} is out of reach for ${vocabSize} × ${dim} (r = 1 already gives ${((vocabSize * dim) / (vocabSize + dim)).toFixed(1)})`,
    RangeError,
  );
  return rank;
}
