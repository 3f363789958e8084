import { Rng } from '@ksub/core';
import { vectorProbe, type VectorSplit } from './vector-probe';

/** L2-normalised rows: `offset(label)` plus N(0, noise²) per entry (like sentence vectors, unit length). */
function unitRows(
  labels: Int32Array,
  dim: number,
  rng: Rng,
  offset: (label: number, j: number) => number,
  noise: number,
): VectorSplit {
  const vectors = new Float32Array(labels.length * dim);
  labels.forEach((label, i) => {
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const v = offset(label, j) + noise * rng.nextNormal();
      vectors[i * dim + j] = v;
      norm += v * v;
    }
    for (let j = 0; j < dim; j++) vectors[i * dim + j] = (vectors[i * dim + j] as number) / Math.sqrt(norm);
  });
  return { vectors, dim, labels };
}

/** Three classes, class c pushed along coordinate c: linearly separable with a wide margin. */
function separable(n: number, seed: number): VectorSplit {
  const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
  return unitRows(labels, 16, Rng.fromSeed(seed), (c, j) => (j === c ? 3 : 0), 0.3);
}

/** One-column split: row i has value values[i] and label labels[i]. */
const column = (values: readonly number[], labels: readonly number[]): VectorSplit => ({
  vectors: Float32Array.from(values),
  dim: 1,
  labels: Int32Array.from(labels),
});

describe('vectorProbe', () => {
  it('runs its JSDoc example', () => {
    const split = { vectors: Float32Array.of(1, 0, 0, 1), dim: 2, labels: Int32Array.of(0, 1) };
    const r = vectorProbe({ train: split, dev: split, test: split }, { numLabels: 2 });
    expect([r.l2, r.devScore, r.testScore]).toEqual([0.1, 1, 1]);
    expect(r.predictions).toEqual(Int32Array.of(0, 1));
    expect(r.correct).toEqual(Uint8Array.of(1, 1));
    expect(r.devScores).toHaveLength(9);
  });

  it('reaches 100% test accuracy on separable vectors, standardised or raw, and F1 1 on two classes', () => {
    const splits = { train: separable(90, 1), dev: separable(60, 2), test: separable(60, 3) };
    for (const standardize of [true, false]) {
      const r = vectorProbe(splits, { numLabels: 3, standardize, l2Grid: [1e-2, 1e-3] });
      expect(r.testScore).toBe(1);
      expect(Array.from(r.predictions)).toEqual(Array.from(splits.test.labels));
      expect(r.correct.every((c) => c === 1)).toBe(true);
    }
    // keep classes 0 and 1 only for the binary F1
    const binary = (s: VectorSplit): VectorSplit => {
      const rows = Array.from(s.labels.keys()).filter((i) => (s.labels[i] as number) < 2);
      return {
        dim: s.dim,
        labels: Int32Array.from(rows, (i) => s.labels[i] as number),
        vectors: Float32Array.from(
          rows.flatMap((i) => Array.from(s.vectors.subarray(i * s.dim, (i + 1) * s.dim))),
        ),
      };
    };
    const f1 = vectorProbe(
      { train: binary(splits.train), dev: binary(splits.dev), test: binary(splits.test) },
      { numLabels: 2, metric: 'f1', l2Grid: [1e-2] },
    );
    expect(f1.testScore).toBe(1);
  });

  it('scores about the majority rate when labels are independent of the vectors', () => {
    // Labels 1 with probability 0.7, vectors pure noise. The probe never sees test labels, so its
    // test predictions are independent of them and its expected accuracy is Σ_c P(predict c)·p_c
    // ≤ max p_c: at most the majority rate. Dev selection favours the strong-L2 models that
    // predict mostly the majority (nothing else is learnable), so it lands at about that rate.
    // Tolerance: the test accuracy of fixed predictions over 400 rows has sd ≤ √(0.25/400) = 0.025;
    // 3 sd = 0.075 on either side, for each of three seeds.
    for (const seed of [1, 2, 3]) {
      const rng = Rng.fromSeed(seed);
      const split = (n: number) =>
        unitRows(
          Int32Array.from({ length: n }, () => (rng.nextFloat() < 0.7 ? 1 : 0)),
          16,
          rng,
          () => 0,
          1,
        );
      const [train, dev, test] = [split(300), split(200), split(400)];
      const r = vectorProbe({ train, dev, test }, { numLabels: 2 });
      const majority = test.labels.reduce((s, y) => s + y, 0) / test.labels.length;
      expect(Math.abs(r.testScore - majority)).toBeLessThan(0.075);
    }
  });

  it('selects L2 on dev, not on test', () => {
    // One column, train separable (+1 → class 1, 60%; −1 → class 0). Dev follows the column, so the
    // weak L2 (fits it) wins on dev; test is all class 1 whatever the column, so the strong L2
    // (weights shrunk to ~0.05: only the bias, log 0.6/0.4, is left, predicting 1 everywhere) wins on test.
    const train = column(
      Array.from({ length: 100 }, (_, i) => (i % 5 < 3 ? 1 : -1)),
      Array.from({ length: 100 }, (_, i) => (i % 5 < 3 ? 1 : 0)),
    );
    const dev = column(
      Array.from({ length: 50 }, (_, i) => (i % 5 < 3 ? 1 : -1)),
      Array.from({ length: 50 }, (_, i) => (i % 5 < 3 ? 1 : 0)),
    );
    const test = column(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : -1)),
      Array.from({ length: 40 }, () => 1),
    );
    const splits = { train, dev, test };
    const strong = vectorProbe(splits, { numLabels: 2, l2Grid: [10] });
    const weak = vectorProbe(splits, { numLabels: 2, l2Grid: [1e-4] });
    expect([strong.devScore, strong.testScore]).toEqual([0.6, 1]);
    expect([weak.devScore, weak.testScore]).toEqual([1, 0.5]);
    const r = vectorProbe(splits, { numLabels: 2, l2Grid: [10, 1e-4] });
    expect(r.l2).toBe(1e-4);
    expect(Array.from(r.devScores)).toEqual([0.6, 1]);
    expect([r.devScore, r.testScore]).toEqual([1, 0.5]);
  });

  it('breaks a dev tie towards the stronger L2 whatever the grid order', () => {
    const splits = { train: separable(60, 4), dev: separable(30, 5), test: separable(30, 6) };
    const r = vectorProbe(splits, { numLabels: 3, l2Grid: [1e-4, 1e-2] });
    expect(Array.from(r.devScores)).toEqual([1, 1]);
    expect(r.l2).toBe(1e-2);
  });

  it('standardises with train statistics only', () => {
    // Train: −1 → 0, +1 → 1 (mean 0, scale 1). Test: every row 3, every label 1. Standardised
    // with train's statistics the test rows stay at 3 → class 1; standardised with test's own
    // they would all become 0, the decision boundary, and go to class 0.
    const train = column([-1, 1, -1, 1], [0, 1, 0, 1]);
    const test = column([3, 3, 3], [1, 1, 1]);
    const r = vectorProbe({ train, dev: train, test }, { numLabels: 2, l2Grid: [1e-2] });
    expect(r.testScore).toBe(1);
  });

  it('names bad input', () => {
    const ok = column([-1, 1], [0, 1]);
    const probe = (train: VectorSplit, options: Partial<Parameters<typeof vectorProbe>[1]> = {}) =>
      vectorProbe({ train, dev: ok, test: ok }, { numLabels: 2, ...options });
    expect(() => probe(ok, { numLabels: 1 })).toThrow(
      'vectorProbe: numLabels must be an integer >= 2; got 1',
    );
    expect(() => probe({ ...ok, dim: 0 })).toThrow('vectorProbe: train.dim must be an integer >= 1; got 0');
    expect(() => vectorProbe({ train: ok, dev: { ...ok, dim: 2 }, test: ok }, { numLabels: 2 })).toThrow(
      'vectorProbe: dev.dim must equal train.dim (1); got 2',
    );
    expect(() => probe(column([], []))).toThrow('vectorProbe: train must not be empty; got 0 labels');
    expect(() => probe({ ...ok, vectors: Float32Array.of(1, 2, 3) })).toThrow(
      'vectorProbe: train.vectors.length must be labels.length · dim = 2; got 3',
    );
    expect(() => vectorProbe({ train: ok, dev: ok, test: column([0, 1], [0, 2]) }, { numLabels: 2 })).toThrow(
      'vectorProbe: test.labels[1] must be in [0, 2); got 2',
    );
    expect(() => probe(column([0, Number.NaN], [0, 1]))).toThrow(
      'vectorProbe: train.vectors[1] (row 1) must be finite; got NaN',
    );
    expect(() => probe(ok, { metric: 'auc' as 'f1' })).toThrow(
      'vectorProbe: metric must be one of accuracy, f1, matthews; got "auc"',
    );
    expect(() => probe(ok, { l2Grid: [] })).toThrow('vectorProbe: l2Grid must not be empty; got []');
    expect(() => probe(ok, { l2Grid: [1, 0] })).toThrow(
      'vectorProbe: l2Grid[1] must be a positive finite number; got 0',
    );
  });
});
