import { Rng } from '@ksub/core';
import { fitLogisticRegression, logisticObjective, predictLogisticRegression } from './logistic-regression';
import type { SparseRows } from './sparse-rows';

/** Rows from lists of active columns. */
function rows(active: readonly (readonly number[])[], numCols: number): SparseRows {
  const rowPtr = new Int32Array(active.length + 1);
  active.forEach((r, i) => (rowPtr[i + 1] = (rowPtr[i] as number) + r.length));
  return { rowPtr, cols: Int32Array.from(active.flat()), numCols };
}

/** A separable 3-class set: class c has feature c plus 3 random noise features of 10..29. */
function separable(n: number, seed: number) {
  const rng = Rng.fromSeed(seed);
  const active: number[][] = [];
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    labels[i] = c;
    const noise = new Set([10 + rng.nextInt(20), 10 + rng.nextInt(20), 10 + rng.nextInt(20)]);
    active.push([c, ...[...noise].sort((a, b) => a - b)]);
  }
  return { x: rows(active, 30), labels };
}

describe('fitLogisticRegression', () => {
  it('runs its JSDoc example', () => {
    const x = { rowPtr: Int32Array.of(0, 1, 2), cols: Int32Array.of(0, 1), numCols: 2 };
    const model = fitLogisticRegression(x, Int32Array.of(0, 1), { numLabels: 2, l2: 1e-3 });
    expect(Array.from(predictLogisticRegression(model, x))).toEqual([0, 1]);
  });

  it('reaches 100% train accuracy on separable data, the loss decreasing from ln K', () => {
    const { x, labels } = separable(90, 1);
    const model = fitLogisticRegression(x, labels, { numLabels: 3, l2: 1e-3 });
    expect(Array.from(predictLogisticRegression(model, x))).toEqual(Array.from(labels));
    expect(model.converged).toBe(true);
    expect(model.losses[0]).toBeCloseTo(Math.log(3), 12); // all-zero weights: uniform
    for (let i = 1; i < model.losses.length; i++)
      expect(model.losses[i]).toBeLessThanOrEqual(model.losses[i - 1] as number);
    expect(model.losses[model.losses.length - 1]).toBeLessThan(0.2);
    expect([model.numLabels, model.numFeatures, model.weights.length, model.bias.length]).toEqual([
      3, 30, 90, 3,
    ]);
  });

  it('shrinks the weights as L2 grows', () => {
    const { x, labels } = separable(60, 2);
    const norm = (l2: number) =>
      fitLogisticRegression(x, labels, { numLabels: 3, l2 }).weights.reduce((s, w) => s + w * w, 0);
    expect(norm(1)).toBeLessThan(norm(0.1));
    expect(norm(0.1)).toBeLessThan(norm(0.01));
  });

  it('is deterministic', () => {
    const { x, labels } = separable(60, 3);
    const a = fitLogisticRegression(x, labels, { numLabels: 3, l2: 1e-2 });
    const b = fitLogisticRegression(x, labels, { numLabels: 3, l2: 1e-2 });
    expect(b.weights).toEqual(a.weights);
    expect(b.losses).toEqual(a.losses);
  });

  it('has the gradient of its objective (central differences in float64)', () => {
    const { x, labels } = separable(12, 4);
    const f = logisticObjective(x, labels, 3, 0.1);
    const rng = Rng.fromSeed(5);
    const theta = Float64Array.from({ length: 30 * 3 + 3 }, () => rng.nextFloat() - 0.5);
    const grad = new Float64Array(theta.length);
    f(theta, grad);
    const scratch = new Float64Array(theta.length);
    const h = 1e-6;
    for (const j of [0, 1, 5, 33, 60, 89, 90, 92]) {
      const plus = Float64Array.from(theta);
      const minus = Float64Array.from(theta);
      plus[j] = (plus[j] as number) + h;
      minus[j] = (minus[j] as number) - h;
      expect(grad[j]).toBeCloseTo((f(plus, scratch) - f(minus, scratch)) / (2 * h), 7);
    }
  });

  it('fits dense rows to the same model as the same binary rows in sparse form', () => {
    const { x, labels } = separable(60, 6);
    const rows = labels.length;
    const data = new Float32Array(rows * x.numCols);
    for (let i = 0; i < rows; i++)
      for (let p = x.rowPtr[i] as number; p < (x.rowPtr[i + 1] as number); p++)
        data[i * x.numCols + (x.cols[p] as number)] = 1;
    const dense = { data, rows, cols: x.numCols };
    const options = { numLabels: 3, l2: 1e-2 };
    const a = fitLogisticRegression(x, labels, options);
    const b = fitLogisticRegression(dense, labels, options);
    // one objective, two kernels summing in other orders: equal up to rounding and the tolerance
    expect(b.weights).toHaveLength(a.weights.length);
    b.weights.forEach((w, j) => expect(w).toBeCloseTo(a.weights[j] as number, 4));
    b.bias.forEach((w, c) => expect(w).toBeCloseTo(a.bias[c] as number, 4));
    expect(b.losses[b.losses.length - 1]).toBeCloseTo(a.losses[a.losses.length - 1] as number, 9);
    expect(Array.from(predictLogisticRegression(b, dense))).toEqual(
      Array.from(predictLogisticRegression(a, x)),
    );
    // the JSDoc example's dense line
    const d = { data: Float32Array.of(1, 0, 0, 1), rows: 2, cols: 2 };
    expect(
      Array.from(predictLogisticRegression(fitLogisticRegression(d, [0, 1], { numLabels: 2, l2: 1e-3 }), d)),
    ).toEqual([0, 1]);
  });

  it('names bad input', () => {
    const x = rows([[0], [1]], 2);
    expect(() => fitLogisticRegression(x, [0, 1], { numLabels: 1, l2: 1 })).toThrow(
      'fitLogisticRegression: numLabels must be an integer >= 2; got 1',
    );
    expect(() => fitLogisticRegression(x, [0, 2], { numLabels: 2, l2: 1 })).toThrow(
      'fitLogisticRegression: labels[1] must be an integer in [0, 2); got 2',
    );
    expect(() => fitLogisticRegression(x, [0], { numLabels: 2, l2: 1 })).toThrow(
      'fitLogisticRegression: labels must have one entry per row of x (2); got 1',
    );
    expect(() => fitLogisticRegression(rows([], 2), [], { numLabels: 2, l2: 1 })).toThrow(
      'fitLogisticRegression: x must have at least one row; got 0',
    );
    expect(() => fitLogisticRegression(x, [0, 1], { numLabels: 2, l2: -1 })).toThrow(
      'fitLogisticRegression: l2 must be a non-negative finite number; got -1',
    );
    const model = fitLogisticRegression(x, [0, 1], { numLabels: 2, l2: 1 });
    expect(() => predictLogisticRegression(model, rows([[0]], 3))).toThrow(
      'predictLogisticRegression: x must have 2 columns; got 3',
    );
    const short = { data: new Float32Array(3), rows: 2, cols: 2 };
    expect(() => fitLogisticRegression(short, [0, 1], { numLabels: 2, l2: 1 })).toThrow(
      'fitLogisticRegression: dense x.data.length must be rows · cols = 4; got 3',
    );
    expect(() => predictLogisticRegression(model, short)).toThrow(
      'predictLogisticRegression: dense x.data.length must be rows · cols = 4; got 3',
    );
  });
});
