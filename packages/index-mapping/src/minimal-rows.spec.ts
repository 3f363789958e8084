import { minimalRows } from './minimal-rows';

describe('minimalRows', () => {
  // Hand-derived: M is the smallest integer with M^k >= N.
  it.each([
    [50265, 2, 225], // 224² = 50176 < 50265 ≤ 225² = 50625
    [50265, 3, 37], // 36³ = 46656 < 50265 ≤ 37³ = 50653
    [50265, 4, 15], // 14⁴ = 38416 < 50265 ≤ 15⁴ = 50625
    [50265, 6, 7], // 6⁶ = 46656 < 50265 ≤ 7⁶ = 117649
    [50265, 8, 4], // 3⁸ = 6561 < 50265 ≤ 4⁸ = 65536
    [250002, 3, 63], // 62³ = 238328 < 250002 ≤ 63³ = 250047
    [1, 1, 1],
    [1, 5, 1],
    [2, 5, 2],
    [7, 1, 7],
  ])('minimalRows(%i, %i) = %i', (n, k, m) => {
    expect(minimalRows(n, k)).toBe(m);
  });

  it.each([
    [100000, 5, 10],
    [1000000, 3, 100],
    [1000000, 2, 1000],
    [2 ** 30, 2, 2 ** 15],
    [3 ** 19, 19, 3],
    [1024, 10, 2],
    [6561, 8, 3],
  ])('is exact on the perfect power N = %i, k = %i (M = %i)', (n, k, m) => {
    expect(minimalRows(n, k)).toBe(m);
    expect(minimalRows(n + 1, k)).toBe(m + 1);
  });

  it('shows why the naive ceiling is wrong on a perfect power', () => {
    expect(Math.ceil(100000 ** (1 / 5))).toBe(11);
    expect(minimalRows(100000, 5)).toBe(10);
  });

  it('satisfies its definition on a sweep', () => {
    for (let n = 1; n <= 3000; n += 37) {
      for (let k = 1; k <= 8; k++) {
        const m = minimalRows(n, k);
        expect(m ** k).toBeGreaterThanOrEqual(n);
        if (m > 1) expect((m - 1) ** k).toBeLessThan(n);
      }
    }
  });

  it('rejects bad arguments, naming them', () => {
    expect(() => minimalRows(0, 2)).toThrow(new RangeError('minimalRows: N must be an integer >= 1; got 0'));
    expect(() => minimalRows(10, 1.5)).toThrow(
      new RangeError('minimalRows: k must be an integer >= 1; got 1.5'),
    );
    expect(() => minimalRows(Number.NaN, 2)).toThrow('minimalRows: N must be an integer >= 1; got NaN');
  });
});
