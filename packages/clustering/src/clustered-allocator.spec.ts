import { describeAllocatorConformance } from '@ksub/index-mapping/testing';
import { countCollisions, embeddingParams } from '@ksub/index-mapping';
import { ClusteredAllocator } from './clustered-allocator';
import { gaussianBlobs } from './testing-blobs';

describeAllocatorConformance('clustered (naive)', () => new ClusteredAllocator(), { rows: 'grow' });
describeAllocatorConformance('clustered (equal)', () => new ClusteredAllocator(), {
  rows: 'grow',
  options: { variant: 'equal' },
});

describe('ClusteredAllocator', () => {
  const { matrix, truth } = gaussianBlobs(2000, 12, 8, 7, 30);

  it('puts tokens of one blob in one level-1 cluster when M equals the number of blobs', async () => {
    const a = await new ClusteredAllocator().allocate({
      numTokens: 2000,
      numTables: 3,
      dim: 12,
      rows: 8,
      embeddings: matrix,
      seed: 1,
    });
    const blobOf = new Map<number, number>();
    for (let t = 0; t < 2000; t++) {
      const code = a.codes[t * 3] as number;
      const seen = blobOf.get(code);
      if (seen === undefined) blobOf.set(code, truth[t] as number);
      else expect(seen).toBe(truth[t]);
    }
    expect(blobOf.size).toBe(8);
    expect(countCollisions(a)).toBe(0);
  });

  it('sizes the last table by the largest group (naive) and keeps M rows elsewhere', async () => {
    const a = await new ClusteredAllocator().allocate({
      numTokens: 2000,
      numTables: 3,
      dim: 12,
      rows: 5,
      embeddings: matrix,
      seed: 2,
    });
    const groups = new Map<string, number>();
    for (let t = 0; t < 2000; t++) {
      const key = `${a.codes[t * 3]},${a.codes[t * 3 + 1]}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    const largest = Math.max(...groups.values());
    expect(a.rows).toEqual([5, 5, Math.max(5, largest)]);
    expect(a.metadata).toMatchObject({ variant: 'naive', clusters: 5, largestGroup: largest });
    expect(embeddingParams(a)).toBe(5 * 4 + 5 * 4 + Math.max(5, largest) * 4);
  });

  it('reports progress in tokens clustered, non-decreasing, ending at (k − 1) × ordinary tokens', async () => {
    const seen: { done: number; total: number; unit: string }[] = [];
    await new ClusteredAllocator().allocate({
      numTokens: 2000,
      numTables: 3,
      dim: 12,
      rows: 5,
      embeddings: matrix,
      specialTokens: [0, 1],
      seed: 2,
      onProgress: (p) => seen.push({ ...p }),
    });
    // Level 1 is one group of the 1,998 ordinary tokens, level 2 one call per level-1 cluster.
    expect(seen.length).toBe(1 + 5);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]?.done).toBeGreaterThan(seen[i - 1]?.done ?? Infinity);
    expect(seen[0]).toEqual({ done: 1998, total: 2 * 1998, unit: 'tokens' });
    expect(seen.at(-1)).toEqual({ done: 2 * 1998, total: 2 * 1998, unit: 'tokens' });
  });

  it('gives exactly balanced groups with the equal variant', async () => {
    const a = await new ClusteredAllocator().allocate({
      numTokens: 2000,
      numTables: 3,
      dim: 12,
      rows: 8,
      embeddings: matrix,
      seed: 3,
      options: { variant: 'equal' },
    });
    const level1 = new Int32Array(8);
    for (let t = 0; t < 2000; t++)
      level1[a.codes[t * 3] as number] = (level1[a.codes[t * 3] as number] as number) + 1;
    expect(Array.from(level1)).toEqual(Array(8).fill(250));
    // 250 per level-1 group, split equally into 8 → groups of 31 or 32, so the last table grows to 32
    expect(a.rows).toEqual([8, 8, 32]);
  });

  it('spreads tokens without a vector round-robin and counts them', async () => {
    const covered = new Uint8Array(2000).fill(1);
    for (let t = 0; t < 2000; t += 10) covered[t] = 0;
    const a = await new ClusteredAllocator().allocate({
      numTokens: 2000,
      numTables: 2,
      dim: 12,
      rows: 20,
      embeddings: matrix,
      seed: 4,
      options: { covered },
    });
    expect(a.metadata).toMatchObject({ uncovered: 200 });
    const perCluster = new Int32Array(20);
    for (let t = 0; t < 2000; t += 10)
      perCluster[a.codes[t * 2] as number] = (perCluster[a.codes[t * 2] as number] as number) + 1;
    expect(Array.from(perCluster)).toEqual(Array(20).fill(10));
    expect(countCollisions(a)).toBe(0);
  });

  it('rejects a missing embedding matrix, a bad variant and per-table rows', async () => {
    const allocator = new ClusteredAllocator();
    await expect(allocator.allocate({ numTokens: 10, numTables: 2, dim: 4 })).rejects.toThrow(
      new TypeError('clustered.allocate: embeddings are required (a pretrained N × D matrix); got undefined'),
    );
    await expect(
      allocator.allocate({
        numTokens: 2000,
        numTables: 2,
        dim: 4,
        embeddings: matrix,
        options: { variant: 'fancy' },
      }),
    ).rejects.toThrow('clustered.allocate: options.variant must be "naive" or "equal"; got "fancy"');
    await expect(
      allocator.allocate({ numTokens: 2000, numTables: 2, dim: 4, embeddings: matrix, rows: [5, 5] }),
    ).rejects.toThrow(
      'clustered.allocate: rows must be one number M (the last table grows as needed); got [5, 5]',
    );
  });
});
