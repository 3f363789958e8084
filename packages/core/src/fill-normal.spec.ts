import { fillNormal } from './fill-normal';

describe('fillNormal', () => {
  it('has the requested mean and standard deviation (1M values, 5σ bounds of the estimators)', () => {
    const n = 1_000_000;
    const x = fillNormal(new Float32Array(n), 3, 0.5, 42);
    let mean = 0;
    x.forEach((v) => (mean += v));
    mean /= n;
    let variance = 0;
    let beyond2 = 0;
    x.forEach((v) => {
      variance += (v - mean) ** 2;
      if (Math.abs(v - 3) > 1) beyond2++;
    });
    const sd = Math.sqrt(variance / (n - 1));
    expect(Math.abs(mean - 3)).toBeLessThan((5 * 0.5) / Math.sqrt(n)); // σ/√n
    expect(Math.abs(sd - 0.5)).toBeLessThan((5 * 0.5) / Math.sqrt(2 * n)); // σ/√(2n)
    // P(|Z| > 2) = 0.0455 for a normal; binomial standard error √(p(1−p)/n)
    expect(Math.abs(beyond2 / n - 0.0455)).toBeLessThan(5 * Math.sqrt((0.0455 * 0.9545) / n));
  });

  it('is a function of the seed, and odd lengths are filled', () => {
    const a = fillNormal(new Float32Array(7), 0, 1, 1);
    expect(Array.from(fillNormal(new Float32Array(7), 0, 1, 1))).toEqual(Array.from(a));
    expect(Array.from(fillNormal(new Float32Array(7), 0, 1, 2))).not.toEqual(Array.from(a));
    expect(a.every((v) => Number.isFinite(v) && v !== 0)).toBe(true);
  });

  it('names bad arguments', () => {
    expect(() => fillNormal(new Float32Array(1), 0, -1, 1)).toThrow(
      'stddev must be a finite number ≥ 0; got -1',
    );
    expect(() => fillNormal(new Float32Array(1), 0, 1, -3)).toThrow(
      'seed must be an integer in [0, 2^32); got -3',
    );
    expect(() => fillNormal(new Float32Array(1), Number.NaN, 1, 1)).toThrow('mean must be finite; got NaN');
  });
});
