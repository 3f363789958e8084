import { assert, describe } from '@ksub/core';

/** Predicted and gold labels of a classification task, as class indices. */
export type Labels = ArrayLike<number>;

function check(fn: string, predictions: Labels, gold: Labels): void {
  assert(
    predictions.length === gold.length,
    () => `${fn}: predictions and gold must have equal length; got ${predictions.length} and ${gold.length}`,
    RangeError,
  );
  assert(
    gold.length > 0,
    () => `${fn}: gold must not be empty; got ${describe(gold.length)} labels`,
    RangeError,
  );
}

/** Confusion counts for one positive class. */
function confusion(predictions: Labels, gold: Labels, positive: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < gold.length; i++) {
    const p = predictions[i] === positive;
    const g = gold[i] === positive;
    if (p && g) tp++;
    else if (p) fp++;
    else if (g) fn++;
    else tn++;
  }
  return { tp, fp, fn, tn };
}

/**
 * Share of predictions equal to the gold label (GLUE: SST-2, MNLI, QNLI, RTE, XNLI; with F1 for
 * MRPC and QQP).
 *
 * @throws RangeError for arrays of different or zero length.
 * @example
 * ```ts
 * accuracy([1, 0, 1], [1, 1, 1]); // 2/3
 * ```
 */
export function accuracy(predictions: Labels, gold: Labels): number {
  check('accuracy', predictions, gold);
  let right = 0;
  for (let i = 0; i < gold.length; i++) if (predictions[i] === gold[i]) right++;
  return right / gold.length;
}

/**
 * F1 of the positive class (GLUE: MRPC, QQP; positive = 1): 2·TP / (2·TP + FP + FN). With no
 * positive prediction and no positive gold label the score is 0 (scikit-learn's `zero_division=0`),
 * never NaN.
 *
 * @throws RangeError for arrays of different or zero length.
 * @example
 * ```ts
 * f1([1, 1, 0, 0], [1, 0, 1, 0]); // TP 1, FP 1, FN 1 → 0.5
 * ```
 */
export function f1(predictions: Labels, gold: Labels, positive = 1): number {
  check('f1', predictions, gold);
  const { tp, fp, fn } = confusion(predictions, gold, positive);
  const denominator = 2 * tp + fp + fn;
  return denominator === 0 ? 0 : (2 * tp) / denominator;
}

/**
 * Matthews correlation coefficient of a binary task (GLUE: CoLA; positive = 1):
 * (TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN)). When a factor is 0 — one class only in the
 * predictions or in the gold labels — the coefficient is 0 (scikit-learn's convention), never NaN.
 *
 * @throws RangeError for arrays of different or zero length.
 * @example
 * ```ts
 * matthewsCorrelation([1, 1, 0, 0], [1, 0, 1, 0]); // 0
 * ```
 */
export function matthewsCorrelation(predictions: Labels, gold: Labels, positive = 1): number {
  check('matthewsCorrelation', predictions, gold);
  const { tp, fp, fn, tn } = confusion(predictions, gold, positive);
  const denominator = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
  return denominator === 0 ? 0 : (tp * tn - fp * fn) / denominator;
}
