import { Rng } from '@ksub/core';
import { describeAllocatorConformance } from '../testing';
import { RadixAllocator } from './radix';
import { ScatteredAllocator } from './scattered';

describeAllocatorConformance('scattered', () => new ScatteredAllocator());

describe('ScatteredAllocator', () => {
  it('gives token n the radix digits of perm[n], with perm the seeded permutation', async () => {
    const n = 50;
    const scattered = await new ScatteredAllocator().allocate({
      numTokens: n,
      numTables: 2,
      dim: 4,
      seed: 7,
    });
    const radix = await new RadixAllocator().allocate({ numTokens: n, numTables: 2, dim: 4 });
    const perm = Rng.fromSeed(7).permutation(n);
    for (let t = 0; t < n; t++) {
      const p = perm[t] as number;
      expect([scattered.codes[2 * t], scattered.codes[2 * t + 1]]).toEqual([
        radix.codes[2 * p],
        radix.codes[2 * p + 1],
      ]);
    }
    expect(scattered.rows).toEqual(radix.rows);
    expect(scattered.seed).toBe(7);
  });

  it('uses every tuple of a perfect power exactly once', async () => {
    const a = await new ScatteredAllocator().allocate({ numTokens: 64, numTables: 3, dim: 3, seed: 3 });
    const keys = new Set<number>();
    for (let t = 0; t < 64; t++)
      keys.add(
        (a.codes[3 * t] as number) + 4 * (a.codes[3 * t + 1] as number) + 16 * (a.codes[3 * t + 2] as number),
      );
    expect(keys.size).toBe(64);
  });
});
