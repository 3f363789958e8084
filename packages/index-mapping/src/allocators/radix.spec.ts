import { describeAllocatorConformance } from '../testing';
import { RadixAllocator } from './radix';

describeAllocatorConformance('radix', () => new RadixAllocator());

describe('RadixAllocator', () => {
  it('gives hand-derived base-M digits, least significant in table 0 (N = 10, k = 2, M = 4)', async () => {
    const a = await new RadixAllocator().allocate({ numTokens: 10, numTables: 2, dim: 4 });
    expect(a.rows).toEqual([4, 4]);
    expect(a.widths).toEqual([2, 2]);
    // token n → (n mod 4, ⌊n/4⌋ mod 4)
    expect(Array.from(a.codes)).toEqual([0, 0, 1, 0, 2, 0, 3, 0, 0, 1, 1, 1, 2, 1, 3, 1, 0, 2, 1, 2]);
  });

  it('gives hand-derived digits for k = 3 (N = 27, M = 3): token 14 = 2 + 1·3 + 1·9', async () => {
    const a = await new RadixAllocator().allocate({ numTokens: 27, numTables: 3, dim: 6 });
    expect(a.rows).toEqual([3, 3, 3]);
    expect(Array.from(a.codes.subarray(14 * 3, 15 * 3))).toEqual([2, 1, 1]);
    expect(Array.from(a.codes.subarray(26 * 3, 27 * 3))).toEqual([2, 2, 2]);
  });

  it('uses mixed radix with explicit per-table rows', async () => {
    const a = await new RadixAllocator().allocate({ numTokens: 6, numTables: 2, dim: 2, rows: [2, 3] });
    // token n → (n mod 2, ⌊n/2⌋ mod 3)
    expect(Array.from(a.codes)).toEqual([0, 0, 1, 0, 0, 1, 1, 1, 0, 2, 1, 2]);
  });

  it('gives special tokens an extra row each and digits to the others in id order', async () => {
    // N = 6 with specials {0, 3}: 4 ordinary tokens, M = 2; rows grow to 2 + 2.
    const a = await new RadixAllocator().allocate({
      numTokens: 6,
      numTables: 2,
      dim: 2,
      specialTokens: [3, 0],
    });
    expect(a.rows).toEqual([4, 4]);
    expect(Array.from(a.codes)).toEqual([2, 2, 0, 0, 1, 0, 3, 3, 0, 1, 1, 1]);
    expect(a.metadata).toEqual({ specialTokens: [0, 3], ordinaryRows: [2, 2] });
  });

  it('handles a vocabulary made only of special tokens', async () => {
    const a = await new RadixAllocator().allocate({
      numTokens: 2,
      numTables: 2,
      dim: 2,
      specialTokens: [0, 1],
    });
    expect(a.rows).toEqual([2, 2]);
    expect(Array.from(a.codes)).toEqual([0, 0, 1, 1]);
  });

  it('reproduces the paper Table 1 row counts', async () => {
    const rows = async (numTokens: number, numTables: number) =>
      (await new RadixAllocator().allocate({ numTokens, numTables, dim: 512 })).rows[0];
    expect(await rows(50265, 2)).toBe(225);
    expect(await rows(50265, 3)).toBe(37);
    expect(await rows(50265, 8)).toBe(4);
    expect(await rows(250002, 3)).toBe(63);
  });
});
