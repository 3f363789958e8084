import { Rng } from '@ksub/core';
import { mcnemar } from './mcnemar';
import { meanInterval, tQuantile975 } from './mean-interval';
import { bootstrapInterval, pairedDifference } from './paired-bootstrap';
import { stats } from '../simple-statistics';

const { mean, sampleStandardDeviation } = stats;

describe('meanInterval', () => {
  it('is mean ± t·s/√n, hand-derived for three seeds', () => {
    // mean 0.71, s = 0.01, t(0.975, 2) = 4.303 → half-width 4.303·0.01/√3 = 0.024843…
    const r = meanInterval([0.7, 0.72, 0.71]);
    expect(r.mean).toBeCloseTo(0.71, 12);
    expect(r.high - r.mean).toBeCloseTo((4.303 * 0.01) / Math.sqrt(3), 12);
    expect(r.mean - r.low).toBeCloseTo(r.high - r.mean, 12);
    expect(r.n).toBe(3);
    expect(meanInterval([0.5])).toEqual({ mean: 0.5, low: 0.5, high: 0.5, n: 1 });
  });

  it('uses t quantiles that join the table smoothly and approach the normal one', () => {
    expect(tQuantile975(30)).toBe(2.042);
    expect(Math.abs(tQuantile975(31) - 2.0395)).toBeLessThan(2e-4); // table value for 31 df
    expect(Math.abs(tQuantile975(60) - 2.0003)).toBeLessThan(2e-4);
    expect(Math.abs(tQuantile975(120) - 1.9799)).toBeLessThan(2e-4);
  });

  it('names bad input', () => {
    expect(() => meanInterval([])).toThrow('meanInterval: values must not be empty');
    expect(() => meanInterval([1, Number.NaN])).toThrow(
      'meanInterval: values[1] must be a finite number; got NaN',
    );
    expect(() => tQuantile975(0)).toThrow('tQuantile975: df must be an integer >= 1; got 0');
  });
});

describe('pairedDifference / bootstrapInterval', () => {
  it('covers a known difference at about the stated rate on simulated data', () => {
    // 120 simulated test sets of 200 examples: A right with p 0.70, B with p 0.75 (true Δ = 0.05)
    const rng = Rng.fromSeed(7);
    let covered = 0;
    const trials = 120;
    for (let t = 0; t < trials; t++) {
      const a = Float64Array.from({ length: 200 }, () => (rng.nextFloat() < 0.7 ? 1 : 0));
      const b = Float64Array.from({ length: 200 }, () => (rng.nextFloat() < 0.75 ? 1 : 0));
      const r = pairedDifference(a, b, { resamples: 200, seed: t + 1 });
      if (r.low <= 0.05 && 0.05 <= r.high) covered++;
    }
    // 95% nominal; the binomial sd over 120 trials is 2 points
    expect(covered / trials).toBeGreaterThan(0.88);
    expect(covered / trials).toBeLessThan(0.995);
  });

  it('gives the observed difference as its estimate, is deterministic for a seed, and narrows with pairing', () => {
    const a = [1, 0, 1, 1, 0, 1, 0, 1, 1, 1];
    const b = [1, 1, 1, 1, 0, 1, 1, 1, 1, 1];
    const r = pairedDifference(a, b, { seed: 3 });
    expect(r.estimate).toBeCloseTo(0.2, 12);
    expect(pairedDifference(a, b, { seed: 3 })).toEqual(r);
    expect(r.low).toBeGreaterThanOrEqual(0); // B is never worse on any example
    // identical models: a zero-width interval at 0
    expect(pairedDifference(a, a)).toMatchObject({ estimate: 0, low: 0, high: 0 });
  });

  it('takes any statistic of the resampled indices (here the mean, against its normal-theory interval)', () => {
    const rng = Rng.fromSeed(11);
    const x = Array.from({ length: 1000 }, () => rng.nextNormal());
    const r = bootstrapInterval(
      x.length,
      (idx) => Array.from(idx).reduce((s, i) => s + (x[i] as number), 0) / idx.length,
    );
    const se = sampleStandardDeviation(x) / Math.sqrt(x.length);
    expect(r.estimate).toBeCloseTo(mean(x), 12);
    expect(Math.abs(r.high - r.low - 2 * 1.96 * se)).toBeLessThan(0.15 * 2 * 1.96 * se);
  });

  it('names bad input', () => {
    expect(() => pairedDifference([1, 0], [1])).toThrow(
      'pairedDifference: a and b must be paired (equal lengths); got 2 and 1',
    );
    expect(() => bootstrapInterval(1, () => 0)).toThrow(
      'bootstrapInterval: n must be an integer >= 2; got 1',
    );
    expect(() => bootstrapInterval(5, () => 0, { confidence: 1 })).toThrow(
      'confidence must be in (0, 1); got 1',
    );
  });
});

describe('mcnemar', () => {
  const pairs = (onlyA: number, onlyB: number, both: number) => {
    const a: boolean[] = [];
    const b: boolean[] = [];
    const push = (x: boolean, y: boolean, n: number) => {
      for (let i = 0; i < n; i++) {
        a.push(x);
        b.push(y);
      }
    };
    push(true, false, onlyA);
    push(false, true, onlyB);
    push(true, true, both);
    push(false, false, 7);
    return [a, b] as const;
  };

  it('exact test, hand-computed: 10 vs 2 discordant → p = 2·(1 + 12 + 66)/4096', () => {
    const r = mcnemar(...pairs(10, 2, 50));
    expect(r).toMatchObject({ onlyA: 10, onlyB: 2, method: 'exact' });
    expect(r.pValue).toBeCloseTo(158 / 4096, 12);
  });

  it('chi-squared with continuity, hand-computed: 30 vs 15 → (15 − 1)²/45, p = erfc(√(x/2))', () => {
    const r = mcnemar(...pairs(30, 15, 50));
    expect(r.method).toBe('chi-squared');
    expect(r.pValue).toBeCloseTo(0.03688842570704985, 6);
  });

  it('no discordant pairs → p = 1; unequal lengths are an error', () => {
    expect(mcnemar(...pairs(0, 0, 5)).pValue).toBe(1);
    expect(() => mcnemar([true], [])).toThrow(
      'mcnemar: correctA and correctB must be paired (equal lengths); got 1 and 0',
    );
  });
});
