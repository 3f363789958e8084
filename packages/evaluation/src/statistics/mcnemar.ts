import { assert } from '@ksub/core';
import { stats } from '../simple-statistics';

const { errorFunction } = stats;

/** McNemar's test of two classifiers on the same examples. */
export interface McNemarResult {
  /** Examples A gets right and B wrong. */
  readonly onlyA: number;
  /** Examples B gets right and A wrong. */
  readonly onlyB: number;
  /** Two-sided p-value. */
  readonly pValue: number;
  /** `exact` (binomial, fewer than 25 discordant pairs) or `chi-squared` (with continuity correction). */
  readonly method: 'exact' | 'chi-squared';
}

/**
 * McNemar's test on paired correctness: only the discordant examples count. With fewer than 25
 * of them the exact binomial test (two-sided, p = min(1, 2·P(X ≤ min))) is used, else the
 * chi-squared statistic (|b − c| − 1)² / (b + c) with one degree of freedom.
 *
 * @throws RangeError when the lists differ in length
 * @example
 * ```ts
 * mcnemar(correctA, correctB).pValue; // < 0.05: the accuracies differ
 * ```
 */
export function mcnemar(correctA: ArrayLike<boolean>, correctB: ArrayLike<boolean>): McNemarResult {
  assert(
    correctA.length === correctB.length,
    () =>
      `mcnemar: correctA and correctB must be paired (equal lengths); got ${correctA.length} and ${correctB.length}`,
    RangeError,
  );
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < correctA.length; i++) {
    if (correctA[i] && !correctB[i]) onlyA++;
    else if (!correctA[i] && correctB[i]) onlyB++;
  }
  const n = onlyA + onlyB;
  if (n === 0) return { onlyA, onlyB, pValue: 1, method: 'exact' };
  if (n < 25) {
    let p = 0.5 ** n; // P(X = 0)
    let tail = p;
    for (let k = 0; k < Math.min(onlyA, onlyB); k++) {
      p = (p * (n - k)) / (k + 1);
      tail += p;
    }
    return { onlyA, onlyB, pValue: Math.min(1, 2 * tail), method: 'exact' };
  }
  const statistic = (Math.abs(onlyA - onlyB) - 1) ** 2 / n;
  const pValue = 1 - errorFunction(Math.sqrt(statistic / 2)); // chi-squared(1) upper tail
  return { onlyA, onlyB, pValue, method: 'chi-squared' };
}
