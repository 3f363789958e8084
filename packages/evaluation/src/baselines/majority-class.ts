import { assert, describe } from '@ksub/core';

/**
 * The majority-class control: the class most frequent among the training labels (ties: the
 * smallest index), which it predicts for every example. A model that does not beat it on the
 * task's metric has learned nothing the class balance does not give away.
 *
 * @param trainLabels - class indices of the training examples, non-negative integers
 * @returns the class index to predict for every example
 * @throws RangeError for no labels or a label that is not a non-negative integer
 * @example
 * ```ts
 * majorityClass([0, 1, 1, 2]); // 1
 * ```
 */
export function majorityClass(trainLabels: ArrayLike<number>): number {
  const fn = 'majorityClass';
  assert(
    trainLabels.length > 0,
    () => `${fn}: trainLabels must not be empty; got ${describe(trainLabels)}`,
    RangeError,
  );
  for (let i = 0; i < trainLabels.length; i++) {
    const label = trainLabels[i] as number;
    assert(
      Number.isSafeInteger(label) && label >= 0,
      () => `${fn}: trainLabels[${i}] must be a non-negative integer; got ${describe(label)}`,
      RangeError,
    );
  }
  return modeOf(Array.from(trainLabels));
}

/**
 * The most frequent value (ties: the smallest); -1 for none. Majority class, the label of a group
 * of duplicate examples, a majority vote over seeds all use it.
 *
 * @example
 * ```ts
 * modeOf([2, 1, 2, 1, 0]); // 1 (1 and 2 tie; 1 is smaller)
 * ```
 */
export function modeOf(values: Iterable<number>): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = -1;
  let bestCount = 0;
  for (const [value, count] of counts)
    if (count > bestCount || (count === bestCount && value < best)) [best, bestCount] = [value, count];
  return best;
}
