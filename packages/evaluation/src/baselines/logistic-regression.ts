import { assert, assertInteger, describe } from '@ksub/core';
import { type LbfgsOptions, minimizeLbfgs } from './lbfgs';
import { type SparseRows, sparseRowCount } from './sparse-rows';

/** Options of {@link fitLogisticRegression}. */
export interface LogisticRegressionOptions extends LbfgsOptions {
  /** Number of classes (at least 2); labels are in [0, numLabels). */
  readonly numLabels: number;
  /** L2 strength λ: the objective is mean cross-entropy + λ/2·‖W‖² (biases unpenalised). */
  readonly l2: number;
}

/** A fitted multinomial logistic regression. */
export interface LogisticRegressionModel {
  readonly numLabels: number;
  readonly numFeatures: number;
  /** numFeatures × numLabels, feature-major: the weight of feature j for class k is `weights[j·numLabels + k]`. */
  readonly weights: Float64Array;
  readonly bias: Float64Array;
  /** The objective at the start (all weights 0) and after each L-BFGS iteration; non-increasing. */
  readonly losses: Float64Array;
  /** Whether the gradient tolerance was met. */
  readonly converged: boolean;
}

/** Class scores of row i: bias plus the weights of its features. */
function scores(x: SparseRows, i: number, w: Float64Array, b: Float64Array, k: number, z: Float64Array) {
  z.set(b);
  for (let p = x.rowPtr[i] as number; p < (x.rowPtr[i + 1] as number); p++) {
    const base = (x.cols[p] as number) * k;
    for (let c = 0; c < k; c++) z[c] = (z[c] as number) + (w[base + c] as number);
  }
}

/**
 * The objective of {@link fitLogisticRegression} as L-BFGS calls it: mean cross-entropy +
 * λ/2·‖W‖² of parameters θ = [W (feature-major), b], its gradient written into `grad`. The hot
 * path: one pass over the non-zeros, K-wide inner loops on typed arrays. Trusts its inputs.
 *
 * @example
 * ```ts
 * const f = logisticObjective(x, Int32Array.of(0, 1), 2, 1e-3);
 * f(new Float64Array(x.numCols * 2 + 2), grad); // ln 2 at all-zero weights
 * ```
 */
export function logisticObjective(x: SparseRows, labels: Int32Array, k: number, l2: number) {
  const rows = sparseRowCount(x);
  const wSize = x.numCols * k;
  const z = new Float64Array(k);
  return (theta: Float64Array, grad: Float64Array): number => {
    const w = theta.subarray(0, wSize);
    const b = theta.subarray(wSize);
    grad.fill(0);
    const gw = grad.subarray(0, wSize);
    const gb = grad.subarray(wSize);
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      scores(x, i, w, b, k, z);
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, z[c] as number);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp((z[c] as number) - max);
      const logSum = max + Math.log(sum);
      const y = labels[i] as number;
      loss += logSum - (z[y] as number);
      // z becomes the residual p − onehot(y), scaled by 1/rows
      for (let c = 0; c < k; c++) z[c] = (Math.exp((z[c] as number) - logSum) - (c === y ? 1 : 0)) / rows;
      for (let c = 0; c < k; c++) gb[c] = (gb[c] as number) + (z[c] as number);
      for (let p = x.rowPtr[i] as number; p < (x.rowPtr[i + 1] as number); p++) {
        const base = (x.cols[p] as number) * k;
        for (let c = 0; c < k; c++) gw[base + c] = (gw[base + c] as number) + (z[c] as number);
      }
    }
    let penalty = 0;
    for (let j = 0; j < wSize; j++) {
      const v = w[j] as number;
      penalty += v * v;
      gw[j] = (gw[j] as number) + l2 * v;
    }
    return loss / rows + 0.5 * l2 * penalty;
  };
}

/**
 * Fits multinomial logistic regression with L2 on binary sparse features by full-batch L-BFGS
 * from all-zero weights: deterministic, and with λ > 0 the objective is strictly convex in W, so
 * the fit is the unique minimiser up to the tolerance.
 *
 * @param labels - class index of each row
 * @throws RangeError for rows and labels of different length, no rows, numLabels < 2, a label out
 *   of range, or an l2 that is not a non-negative finite number
 * @example
 * ```ts
 * const x = { rowPtr: Int32Array.of(0, 1, 2), cols: Int32Array.of(0, 1), numCols: 2 };
 * const model = fitLogisticRegression(x, Int32Array.of(0, 1), { numLabels: 2, l2: 1e-3 });
 * predictLogisticRegression(model, x); // Int32Array [0, 1]
 * ```
 */
export function fitLogisticRegression(
  x: SparseRows,
  labels: ArrayLike<number>,
  options: LogisticRegressionOptions,
): LogisticRegressionModel {
  const fn = 'fitLogisticRegression';
  const rows = sparseRowCount(x);
  const { numLabels: k, l2 } = options;
  assertInteger(fn, 'numLabels', k, { min: 2 });
  assert(rows > 0, () => `${fn}: x must have at least one row; got 0`, RangeError);
  assert(
    labels.length === rows,
    () => `${fn}: labels must have one entry per row of x (${rows}); got ${labels.length}`,
    RangeError,
  );
  assert(
    Number.isFinite(l2) && l2 >= 0,
    () => `${fn}: l2 must be a non-negative finite number; got ${describe(l2)}`,
    RangeError,
  );
  const y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const label = labels[i] as number;
    assert(
      Number.isSafeInteger(label) && label >= 0 && label < k,
      () => `${fn}: labels[${i}] must be an integer in [0, ${k}); got ${describe(label)}`,
      RangeError,
    );
    y[i] = label;
  }
  const size = x.numCols * k;
  const result = minimizeLbfgs(logisticObjective(x, y, k, l2), new Float64Array(size + k), options);
  return {
    numLabels: k,
    numFeatures: x.numCols,
    weights: result.x.slice(0, size),
    bias: result.x.slice(size),
    losses: result.losses,
    converged: result.converged,
  };
}

/**
 * The class of highest score for each row (ties: the smallest index).
 *
 * @throws RangeError when x has another number of columns than the model was fitted on
 * @example
 * ```ts
 * predictLogisticRegression(model, bagOfWordsFeatures(test, vocabulary)); // Int32Array of class indices
 * ```
 */
export function predictLogisticRegression(model: LogisticRegressionModel, x: SparseRows): Int32Array {
  assert(
    x.numCols === model.numFeatures,
    () => `predictLogisticRegression: x must have ${model.numFeatures} columns; got ${x.numCols}`,
    RangeError,
  );
  const k = model.numLabels;
  const rows = sparseRowCount(x);
  const out = new Int32Array(rows);
  const z = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    scores(x, i, model.weights, model.bias, k, z);
    let best = 0;
    for (let c = 1; c < k; c++) if ((z[c] as number) > (z[best] as number)) best = c;
    out[i] = best;
  }
  return out;
}
