import { Rng } from '@ksub/core';
import { meanCosine, rowCosines } from './mean-cosine';

describe('rowCosines / meanCosine', () => {
  it('runs the JSDoc examples: parallel → 1, orthogonal → 0', () => {
    const a = Float32Array.of(1, 0, 3, 4);
    const b = Float32Array.of(2, 0, 4, -3);
    expect(rowCosines(a, b, 2)).toEqual(Float64Array.of(1, 0));
    expect(meanCosine(a, b, 2)).toBe(0.5);
  });

  it('is hand-derived for 3-d rows, scale-free, −1 for opposite rows and 0 for a zero row', () => {
    // (1, 2, 2)·(2, 1, −2) = 0; (1, 2, 2)·(2, 2, 1) = 8, norms 3 and 3 → 8/9
    const c = rowCosines(Float32Array.of(1, 2, 2, 1, 2, 2), Float32Array.of(2, 1, -2, 20, 20, 10), 3);
    expect(c[0]).toBe(0);
    expect(c[1]).toBeCloseTo(8 / 9, 15);
    expect(rowCosines(Float32Array.of(1, -2), Float32Array.of(-3, 6), 2)[0]).toBeCloseTo(-1, 15);
    expect(Array.from(rowCosines(Float32Array.of(0, 0, 1, 1), Float32Array.of(1, 2, 0, 0), 2))).toEqual([
      0, 0,
    ]);
  });

  it('stays in [−1, 1] and gives 1 for a row with itself', () => {
    const rng = Rng.fromSeed(1);
    const a = Float32Array.from({ length: 64 * 8 }, () => rng.nextNormal());
    const b = Float32Array.from({ length: 64 * 8 }, () => rng.nextNormal());
    for (const v of rowCosines(a, b, 64)) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    for (const v of rowCosines(a, a, 64)) expect(v).toBeCloseTo(1, 12);
  });

  it('names bad input', () => {
    expect(() => rowCosines(new Float32Array(4), new Float32Array(6), 2)).toThrow(
      'rowCosines: a and b must have equal lengths; got 4 and 6',
    );
    expect(() => rowCosines(new Float32Array(5), new Float32Array(5), 2)).toThrow(
      'rowCosines: a.length must be a multiple of dim (2); got 5',
    );
    expect(() => rowCosines(new Float32Array(4), new Float32Array(4), 0)).toThrow(
      'rowCosines: dim must be an integer >= 1; got 0',
    );
    expect(rowCosines(new Float32Array(0), new Float32Array(0), 3)).toHaveLength(0);
    expect(() => meanCosine(new Float32Array(0), new Float32Array(0), 3)).toThrow(
      'meanCosine: a and b must hold at least one row; got 0',
    );
  });
});
