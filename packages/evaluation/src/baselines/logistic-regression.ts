import { assert, assertInteger, describe } from '@ksub/core';
import { denseLogisticObjective } from './dense-logistic-objective';
import { type DenseRows, isDenseRows } from './dense-rows';
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

/** Class scores of dense row i under feature-major weights. */
function denseScores(x: DenseRows, i: number, w: Float64Array, b: Float64Array, k: number, z: Float64Array) {
  z.set(b);
  const off = i * x.cols;
  for (let j = 0; j < x.cols; j++) {
    const v = x.data[off + j] as number;
    const base = j * k;
    for (let c = 0; c < k; c++) z[c] = (z[c] as number) + v * (w[base + c] as number);
  }
}

/** Rows and columns of either form; dense data must fill rows × cols. */
function shape(fn: string, x: SparseRows | DenseRows) {
  if (!isDenseRows(x)) return { rows: sparseRowCount(x), cols: x.numCols };
  assert(
    x.data.length === x.rows * x.cols,
    () => `${fn}: dense x.data.length must be rows · cols = ${x.rows * x.cols}; got ${x.data.length}`,
    RangeError,
  );
  return { rows: x.rows, cols: x.cols };
}

/** Feature-major weights from the dense kernel's class-major θ. */
function featureMajor(theta: Float64Array, cols: number, k: number): Float64Array {
  const w = new Float64Array(cols * k);
  for (let c = 0; c < k; c++) for (let j = 0; j < cols; j++) w[j * k + c] = theta[c * cols + j] as number;
  return w;
}

/**
 * Fits multinomial logistic regression with L2 by full-batch L-BFGS from all-zero weights, on
 * binary sparse features ({@link SparseRows}) or dense real ones ({@link DenseRows}, each with its
 * own kernel): deterministic, and with λ > 0 the objective is strictly convex in W, so the fit is
 * the unique minimiser up to the tolerance. Both forms give a model of the same layout.
 *
 * @param labels - class index of each row
 * @throws RangeError for rows and labels of different length, no rows, numLabels < 2, a label out
 *   of range, dense data whose length is not rows · cols, or an l2 that is not a non-negative
 *   finite number
 * @example
 * ```ts
 * const x = { rowPtr: Int32Array.of(0, 1, 2), cols: Int32Array.of(0, 1), numCols: 2 };
 * const model = fitLogisticRegression(x, Int32Array.of(0, 1), { numLabels: 2, l2: 1e-3 });
 * predictLogisticRegression(model, x); // Int32Array [0, 1]
 * const dense = { data: Float32Array.of(1, 0, 0, 1), rows: 2, cols: 2 }; // the same rows, dense
 * predictLogisticRegression(fitLogisticRegression(dense, [0, 1], { numLabels: 2, l2: 1e-3 }), dense); // [0, 1]
 * ```
 */
export function fitLogisticRegression(
  x: SparseRows | DenseRows,
  labels: ArrayLike<number>,
  options: LogisticRegressionOptions,
): LogisticRegressionModel {
  const fn = 'fitLogisticRegression';
  const { rows, cols } = shape(fn, x);
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
  const size = cols * k;
  const dense = isDenseRows(x);
  const objective = dense ? denseLogisticObjective(x, y, k, l2) : logisticObjective(x, y, k, l2);
  const result = minimizeLbfgs(objective, new Float64Array(size + k), options);
  return {
    numLabels: k,
    numFeatures: cols,
    weights: dense ? featureMajor(result.x, cols, k) : result.x.slice(0, size),
    bias: result.x.slice(size),
    losses: result.losses,
    converged: result.converged,
  };
}

/**
 * The class of highest score for each row (ties: the smallest index).
 *
 * @throws RangeError when x has another number of columns than the model was fitted on, or is
 *   dense with data.length ≠ rows · cols
 * @example
 * ```ts
 * predictLogisticRegression(model, bagOfWordsFeatures(test, vocabulary)); // Int32Array of class indices
 * ```
 */
export function predictLogisticRegression(
  model: LogisticRegressionModel,
  x: SparseRows | DenseRows,
): Int32Array {
  const { rows, cols } = shape('predictLogisticRegression', x);
  assert(
    cols === model.numFeatures,
    () => `predictLogisticRegression: x must have ${model.numFeatures} columns; got ${cols}`,
    RangeError,
  );
  const k = model.numLabels;
  const out = new Int32Array(rows);
  const z = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    if (isDenseRows(x)) denseScores(x, i, model.weights, model.bias, k, z);
    else scores(x, i, model.weights, model.bias, k, z);
    let best = 0;
    for (let c = 1; c < k; c++) if ((z[c] as number) > (z[best] as number)) best = c;
    out[i] = best;
  }
  return out;
}
