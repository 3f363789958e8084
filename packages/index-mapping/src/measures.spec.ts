import type { Allocation } from '@ksub/core';
import { RadixAllocator } from './allocators/radix';
import { countCollisions, embeddingParams, sharingProfile } from './measures';

const manual = (codes: number[], rows = [2, 2]): Allocation => ({
  numTokens: codes.length / rows.length,
  numTables: rows.length,
  rows,
  widths: rows.map(() => 1),
  codes: Int32Array.from(codes),
  method: 'manual',
});

describe('countCollisions', () => {
  it('counts every token involved in a repeated tuple', () => {
    // tuples: (0,0) (1,0) (0,0) (1,1) (1,0) (0,0) → (0,0)×3 and (1,0)×2 collide
    expect(countCollisions(manual([0, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0]))).toBe(5);
    expect(countCollisions(manual([0, 0, 1, 0, 0, 1, 1, 1]))).toBe(0);
  });

  it('handles tuple spaces beyond 2^53 with string keys', () => {
    const rows = Array.from({ length: 7 }, () => 2 ** 8); // 2^56 tuples
    const a = manual([...Array(7).fill(255), ...Array(7).fill(255), ...Array(7).fill(3)], rows);
    expect(countCollisions(a)).toBe(2);
  });
});

describe('embeddingParams', () => {
  it('sums rows times widths per table', () => {
    expect(embeddingParams({ ...manual([0, 0]), rows: [3, 5], widths: [171, 341] })).toBe(3 * 171 + 5 * 341);
  });

  it('gives the paper Table 1 figure for 3-sub, N = 50265, d = 512', async () => {
    const a = await new RadixAllocator().allocate({ numTokens: 50265, numTables: 3, dim: 512 });
    expect(embeddingParams(a)).toBe(18944);
  });
});

describe('sharingProfile', () => {
  it('is all-zero sharing when every token has distinct rows in every table', () => {
    const a: Allocation = {
      numTokens: 4,
      numTables: 2,
      rows: [4, 4],
      widths: [1, 1],
      codes: Int32Array.of(0, 0, 1, 1, 2, 2, 3, 3),
      method: 'm',
    };
    const p = sharingProfile(a, { pairs: 500, seed: 2 });
    expect(p.histogram).toEqual([500, 0, 0]);
    expect(p.mean).toBe(0);
  });

  it('matches the expected sharing of a radix allocation (1/M per table)', async () => {
    // N = M^k exactly, so each digit is uniform over pairs: E[shared] = k·(N/M − 1)/(N − 1).
    const a = await new RadixAllocator().allocate({ numTokens: 400, numTables: 2, dim: 8 });
    const p = sharingProfile(a, { pairs: 40000, seed: 3 });
    const expected = (2 * (400 / 20 - 1)) / 399;
    expect(Math.abs(p.mean - expected)).toBeLessThan(0.01); // sd of mean ≈ 0.0015
    expect(p.histogram.reduce((x, y) => x + y, 0)).toBe(40000);
    expect(p.histogram[2]).toBe(0); // unique tuples: no pair shares both rows
  });

  it('rejects a bad pair count', () => {
    expect(() => sharingProfile(manual([0, 0, 1, 1]), { pairs: 0 })).toThrow(
      new RangeError('sharingProfile: options.pairs must be an integer >= 1; got 0'),
    );
  });
});
