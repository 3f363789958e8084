import { Rng } from '@ksub/core';
import { stats } from '../simple-statistics';
import { pairedAucDifference, rocAuc, rocAucInterval } from './roc-auc';

const { quantileSorted, errorFunction } = stats;

/** The AUC by its definition: over all (positive, negative) pairs, 1 when in order, ½ when tied. */
function pairwiseAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let u = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++)
    for (let j = 0; j < labels.length; j++)
      if (labels[i] === 1 && labels[j] === 0) {
        pairs++;
        const d = (scores[i] as number) - (scores[j] as number);
        u += d > 0 ? 1 : d === 0 ? 0.5 : 0;
      }
  return u / pairs;
}

/**
 * The stratified bootstrap written out naively with the documented draws (per resample: n₁
 * `nextInt(n₁)` over the positives, then n₀ `nextInt(n₀)` over the negatives), each resample
 * scored by {@link pairwiseAuc} on materialised arrays.
 */
function naiveInterval(
  lists: readonly (readonly number[])[],
  labels: readonly number[],
  combine: (aucs: number[]) => number,
  resamples: number,
  seed: number,
) {
  const pos = labels.flatMap((y, i) => (y === 1 ? [i] : []));
  const neg = labels.flatMap((y, i) => (y === 0 ? [i] : []));
  const rng = Rng.fromSeed(seed);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const p = pos.map(() => pos[rng.nextInt(pos.length)] as number);
    const n = neg.map(() => neg[rng.nextInt(neg.length)] as number);
    const rows = [...p, ...n];
    const y = [...p.map(() => 1), ...n.map(() => 0)];
    values.push(
      combine(
        lists.map((s) =>
          pairwiseAuc(
            rows.map((i) => s[i] as number),
            y,
          ),
        ),
      ),
    );
  }
  values.sort((a, b) => a - b);
  return { low: quantileSorted(values, 0.025), high: quantileSorted(values, 0.975) };
}

/** n positives ~ N(shift, 1) and n negatives ~ N(0, 1), interleaved, with a few tied (rounded) scores. */
function normalScores(n: number, shift: number, rng: Rng) {
  const labels = Array.from({ length: 2 * n }, (_, i) => i % 2);
  const scores = labels.map((y) => Math.round((y * shift + rng.nextNormal()) * 20) / 20);
  return { scores, labels };
}

describe('rocAuc', () => {
  it('runs its JSDoc example: 3 of 4 pairs in order', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
  });

  it('counts ties ½, hand-derived', () => {
    // positives 2, 3, 2 against negatives 1, 2: pairs 1 + ½ + 1 + 1 + 1 + ½ = 5 of 6
    expect(rocAuc([1, 2, 2, 3, 2], [0, 0, 1, 1, 1])).toBeCloseTo(5 / 6, 15);
    expect(rocAuc([7, 7, 7, 7, 7], [0, 1, 0, 1, 1])).toBe(0.5); // all equal: every pair tied
    expect(rocAuc([0.2, 0.9, 0.1, 0.8], [0, 1, 0, 1])).toBe(1); // perfect
    expect(rocAuc([0.9, 0.2, 0.8, 0.1], [0, 1, 0, 1])).toBe(0); // perfectly reversed
  });

  it('equals the pairwise definition and depends only on the order of the scores', () => {
    const { scores, labels } = normalScores(60, 0.8, Rng.fromSeed(2));
    const auc = rocAuc(scores, labels);
    expect(auc).toBeCloseTo(pairwiseAuc(scores, labels), 12);
    expect(
      rocAuc(
        scores.map((s) => Math.exp(3 * s)),
        labels,
      ),
    ).toBeCloseTo(auc, 12);
    expect(rocAuc(Float64Array.from(scores), Int32Array.from(labels))).toBe(auc); // typed arrays
  });

  it('names bad input', () => {
    expect(() => rocAuc([0.1, 0.2], [1, 1])).toThrow(
      'rocAuc: labels must hold both classes; got 2 positives (1) and 0 negatives (0)',
    );
    expect(() => rocAuc([0.1, 0.2], [0, 0])).toThrow(RangeError);
    expect(() => rocAuc([0.1, 0.2], [0, 2])).toThrow('rocAuc: labels[1] must be 0 or 1; got 2');
    expect(() => rocAuc([0.1], [0, 1])).toThrow('rocAuc: scores must have one entry per label (2); got 1');
    expect(() => rocAuc([0.1, Number.NaN], [0, 1])).toThrow(
      'rocAuc: scores[1] must be a finite number; got NaN',
    );
  });
});

describe('rocAucInterval', () => {
  it('is the stratified percentile bootstrap with the documented draws', () => {
    const { scores, labels } = normalScores(15, 1, Rng.fromSeed(3));
    const r = rocAucInterval(scores, labels, { resamples: 100, seed: 5 });
    const naive = naiveInterval([scores], labels, ([a]) => a as number, 100, 5);
    expect(r.estimate).toBe(rocAuc(scores, labels));
    expect(r.low).toBeCloseTo(naive.low, 12);
    expect(r.high).toBeCloseTo(naive.high, 12);
    expect(r.resamples).toBe(100);
  });

  it('is deterministic for a seed, contains its estimate, and collapses to [1, 1] when perfect', () => {
    const { scores, labels } = normalScores(50, 1, Rng.fromSeed(4));
    const r = rocAucInterval(scores, labels, { seed: 9, resamples: 500 });
    expect(rocAucInterval(scores, labels, { seed: 9, resamples: 500 })).toEqual(r);
    expect(rocAucInterval(scores, labels, { seed: 10, resamples: 500 })).not.toEqual(r);
    expect(r.low).toBeLessThan(r.estimate);
    expect(r.estimate).toBeLessThan(r.high);
    expect(rocAucInterval([0, 1, 0.2, 0.9], [0, 1, 0, 1])).toMatchObject({ estimate: 1, low: 1, high: 1 });
  });

  it('covers the true AUC at about the stated rate on simulated data', () => {
    // N(1, 1) against N(0, 1): AUC = Φ(1/√2) = (1 + erf(1/2))/2. 80 data sets of 60 + 60 scores.
    const truth = (1 + errorFunction(0.5)) / 2;
    const rng = Rng.fromSeed(12);
    let covered = 0;
    const trials = 80;
    for (let t = 0; t < trials; t++) {
      const labels = Array.from({ length: 120 }, (_, i) => i % 2);
      const scores = labels.map((y) => y + rng.nextNormal());
      const r = rocAucInterval(scores, labels, { resamples: 200, seed: t + 1 });
      if (r.low <= truth && truth <= r.high) covered++;
    }
    // 95% nominal; percentile intervals of an AUC run a little short at 60 + 60 (0.91 with these
    // seeds). The binomial sd over 80 trials is ≈ 2.4 points; 0.85 is 4 sd under nominal and 2.6
    // under what these seeds give, the upper bound catches intervals that never miss.
    expect(covered / trials).toBeGreaterThan(0.85);
    expect(covered / trials).toBeLessThan(0.995);
  });

  it('names bad input', () => {
    expect(() => rocAucInterval([0.1, 0.2], [1, 1])).toThrow('rocAucInterval: labels must hold both classes');
    expect(() => rocAucInterval([0.1, 0.2], [0, 1], { resamples: 10 })).toThrow(
      'rocAucInterval: resamples must be an integer >= 100; got 10',
    );
    expect(() => rocAucInterval([0.1, 0.2], [0, 1], { confidence: 1 })).toThrow(
      'rocAucInterval: confidence must be in (0, 1); got 1',
    );
    expect(() => rocAucInterval([0.1], [0, 1])).toThrow(
      'rocAucInterval: scores must have one entry per label (2); got 1',
    );
  });
});

describe('pairedAucDifference', () => {
  it('is B − A on the same resampled positives and negatives for both', () => {
    const rng = Rng.fromSeed(6);
    const { scores: a, labels } = normalScores(12, 0.5, rng);
    const b = a.map((s, i) => s + (labels[i] as number) * 0.3 + 0.2 * rng.nextNormal());
    const r = pairedAucDifference(a, b, labels, { resamples: 100, seed: 2 });
    const naive = naiveInterval([a, b], labels, ([x, y]) => (y as number) - (x as number), 100, 2);
    expect(r.estimate).toBeCloseTo(rocAuc(b, labels) - rocAuc(a, labels), 15);
    expect(r.low).toBeCloseTo(naive.low, 12);
    expect(r.high).toBeCloseTo(naive.high, 12);
  });

  it('is exactly 0 for scorers of the same order, and narrower than either AUC interval when paired', () => {
    const rng = Rng.fromSeed(8);
    const { scores: a, labels } = normalScores(80, 0.7, rng);
    expect(
      pairedAucDifference(
        a,
        a.map((s) => 2 * s + 1),
        labels,
      ),
    ).toMatchObject({ estimate: 0, low: 0, high: 0 });
    const b = a.map((s) => s + 0.05 * rng.nextNormal()); // nearly the same scorer
    const d = pairedAucDifference(a, b, labels, { resamples: 500 });
    const single = rocAucInterval(a, labels, { resamples: 500 });
    expect(d.high - d.low).toBeLessThan((single.high - single.low) / 3);
  });

  it('names bad input', () => {
    expect(() => pairedAucDifference([0.1, 0.2], [0.3], [0, 1])).toThrow(
      'pairedAucDifference: scoresB must have one entry per label (2); got 1',
    );
    expect(() => pairedAucDifference([0.1, Number.POSITIVE_INFINITY], [0.3, 0.4], [0, 1])).toThrow(
      'pairedAucDifference: scoresA[1] must be a finite number; got Infinity',
    );
  });
});
