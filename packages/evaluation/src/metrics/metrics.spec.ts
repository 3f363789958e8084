import { accuracy, f1, matthewsCorrelation } from './classification-metrics';
import { computeMetric } from './compute-metric';
import { pearson, spearman } from './regression-metrics';

describe('classification metrics (hand-computed)', () => {
  // predictions vs gold: TP 2 (i=0,1), FP 1 (i=2), FN 1 (i=3), TN 2 (i=4,5)
  const pred = [1, 1, 1, 0, 0, 0];
  const gold = [1, 1, 0, 1, 0, 0];

  it('accuracy = 4/6', () => expect(accuracy(pred, gold)).toBeCloseTo(4 / 6, 12));

  it('F1 = 2·2 / (2·2 + 1 + 1) = 2/3', () => expect(f1(pred, gold)).toBeCloseTo(2 / 3, 12));

  it('MCC = (2·2 − 1·1) / √(3·3·3·3) = 1/3', () =>
    expect(matthewsCorrelation(pred, gold)).toBeCloseTo(1 / 3, 12));

  it('perfect and inverted predictions give MCC 1 and −1', () => {
    expect(matthewsCorrelation(gold, gold)).toBeCloseTo(1, 12);
    expect(
      matthewsCorrelation(
        gold.map((g) => 1 - g),
        gold,
      ),
    ).toBeCloseTo(-1, 12);
  });

  it('degenerate cases are defined, not NaN: one class only → MCC 0; no positives → F1 0', () => {
    expect(matthewsCorrelation([1, 1, 1], [1, 0, 1])).toBe(0); // predictions of one class
    expect(matthewsCorrelation([1, 0, 1], [1, 1, 1])).toBe(0); // gold of one class
    expect(f1([0, 0], [0, 0])).toBe(0);
    expect(accuracy([2], [2])).toBe(1);
  });

  it('names bad input', () => {
    expect(() => accuracy([1, 0], [1])).toThrow(
      'accuracy: predictions and gold must have equal length; got 2 and 1',
    );
    expect(() => f1([], [])).toThrow('f1: gold must not be empty');
  });
});

describe('regression metrics', () => {
  it('Pearson: hand-computed on (1,2,3) vs (2,4,7)', () => {
    // deviations (−1, 0, 1) and (−7/3, −1/3, 8/3): Σ products 5, squares 2 and 38/3 → r = 5 / √(76/3)
    expect(pearson([1, 2, 3], [2, 4, 7])).toBeCloseTo(5 / Math.sqrt(76 / 3), 12);
  });

  it('Spearman uses average ranks for ties (SciPy): (1,2,2,3) vs (1,2,3,4) → 4.5 / √22.5', () => {
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
    expect(spearman([1, 5, 9], [0.1, 0.2, 30])).toBeCloseTo(1, 12); // monotone, not linear
  });

  it('constant predictions give 0, not NaN', () => {
    expect(pearson([3, 3, 3], [1, 2, 3])).toBe(0);
    expect(spearman([3, 3, 3], [1, 2, 3])).toBe(0);
  });

  it('names bad input', () => {
    expect(() => pearson([1], [1])).toThrow('pearson: needs at least 2 pairs; got 1');
    expect(() => spearman([1, Number.NaN], [1, 2])).toThrow(
      'values must be finite; got prediction NaN and gold 2 at 1',
    );
  });
});

describe('computeMetric', () => {
  it('dispatches by name to the same values', () => {
    expect(computeMetric('accuracy', [1, 0], [1, 1])).toBe(0.5);
    expect(computeMetric('matthews', [1, 0, 1, 0], [1, 0, 1, 0])).toBe(1);
    expect(() => computeMetric('bleu' as never, [1], [1])).toThrow(
      'computeMetric: name must be accuracy, f1, matthews, pearson or spearman; got "bleu"',
    );
  });
});
