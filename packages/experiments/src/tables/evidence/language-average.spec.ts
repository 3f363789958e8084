import { bootstrapInterval } from '@ksub/evaluation';
import { averageDifference, averageOverExamples, averageScore } from './language-average';
import { averageDelta } from './language-deltas';
import type { ModelRuns } from './model-runs';

/** Runs of a model on one language's `n` examples (gold alternates 0/1), one prediction list per seed. */
const runs = (model: string, task: string, predictions: number[][], examples = 'a'): ModelRuns => {
  const n = predictions[0]?.length ?? 0;
  const gold = Array.from({ length: n }, (_, i) => i % 2);
  return {
    model,
    task,
    metric: 'accuracy',
    test: predictions.map((p) => p.filter((y, i) => y === gold[i]).length / n),
    predictions,
    gold,
    examples: examples.repeat(64),
  };
};
/** The alternating gold of `n` examples with the first `wrong` flipped. */
const flip = (n: number, wrong: number) =>
  Array.from({ length: n }, (_, i) => (i < wrong ? 1 - (i % 2) : i % 2));

describe('averages over languages (Table 4)', () => {
  it('resamples positions jointly when the languages have one size: two identical languages give one language’s interval', () => {
    // per-example right/wrong of two "translations", identical: the average is either one
    const correct = [1, 0, 1, 1, 0, 1, 1, 1, 0, 1];
    const stat = (idx: Int32Array) =>
      Array.from(idx, (i) => correct[i] as number).reduce((a, b) => a + b, 0) / idx.length;
    const joint = averageOverExamples([10, 10], (_, idx) => stat(idx));
    const one = bootstrapInterval(10, stat);
    expect(joint).toEqual({ estimate: one.estimate, low: one.low, high: one.high, method: 'joint' });
    expect(joint.estimate).toBeCloseTo(0.7, 12);
    // as if independent, the interval would be narrower by √2: the joint draw keeps the correlation
    const independent = averageDelta([one, one]);
    expect(independent.high - independent.estimate).toBeCloseTo((one.high - one.low) / 2 / Math.SQRT2, 12);
  });

  it('combines standard errors when the languages differ in size', () => {
    const stat = (l: number, idx: Int32Array) => (l === 0 ? 0.5 : 0.25) + idx.length * 0;
    const a = averageOverExamples([4, 6], stat);
    // a constant statistic: each language's interval is its value, so the average is exact
    expect(a).toEqual({ estimate: 0.375, low: 0.375, high: 0.375, method: 'combined' });
    expect(() => averageOverExamples([], stat)).toThrow(
      'averageOverExamples: sizes must name at least one language; got []',
    );
  });

  it('averages each seed over languages, then takes the t-interval over seeds', () => {
    // en: seeds 100%, 90%; de: 60%, 70% (10 examples): per-seed averages 80% and 80%
    const en = runs('full', 'x-en', [flip(10, 0), flip(10, 1)]);
    const de = runs('full', 'x-de', [flip(10, 4), flip(10, 3)]);
    expect(averageScore([en, de])).toEqual({ mean: 0.8, low: 0.8, high: 0.8, n: 2, over: 'seeds' });
    // per-seed averages 80% and 75%: s = 0.0354, t(0.975, 1) = 12.706, half-width 12.706 · s / √2
    const other = averageScore([en, runs('full', 'x-de', [flip(10, 4), flip(10, 4)])]);
    expect(other.mean).toBeCloseTo(0.775, 12);
    expect(other.high - other.mean).toBeCloseTo((12.706 * Math.sqrt(0.00125)) / Math.SQRT2, 12);
  });

  it('bootstraps a control (one run) over its examples, jointly across languages', () => {
    // always class 0 on alternating gold: half right in each language (the estimate), resamples
    // varying around it
    const en = runs('majority', 'x-en', [Array<number>(10).fill(0)]);
    const de = runs('majority', 'x-de', [Array<number>(10).fill(0)]);
    const s = averageScore([en, de]);
    expect(s).toMatchObject({ mean: 0.5, over: 'examples', n: 20, method: 'joint' });
    expect(s.low).toBeLessThan(0.5);
    expect(s.high).toBeGreaterThan(0.5);
  });

  it('pairs the differences per language and averages them; a constant difference is exact', () => {
    // de: full right everywhere, ksub wrong on the 2 first of 10 in every seed: Δ −20 points; en: 0
    const full = [
      runs('full', 'x-en', [flip(10, 0), flip(10, 0)]),
      runs('full', 'x-de', [flip(10, 0), flip(10, 0)]),
    ];
    const ksub = [
      runs('ksub', 'x-en', [flip(10, 0), flip(10, 0)]),
      runs('ksub', 'x-de', [flip(10, 2), flip(10, 2)]),
    ];
    const d = averageDifference(full, ksub);
    expect(d.estimate).toBeCloseTo(-0.1, 12);
    expect(d.method).toBe('joint');
    expect(d.high).toBeLessThanOrEqual(0);
    // the same model: zero with a zero-width interval
    expect(averageDifference(full, full)).toEqual({ estimate: 0, low: 0, high: 0, method: 'joint' });
    expect(() => averageDifference(full, ksub.slice(1))).toThrow(
      'averageDifference: reference and model must cover the same languages; got 2 and 1',
    );
    const other = [full[0] as ModelRuns, runs('ksub', 'x-de', [flip(10, 0)], 'b')];
    expect(() => averageDifference(full, other)).toThrow(
      'averageDifference: ksub and full scored different x-de examples; they cannot be paired',
    );
  });
});
