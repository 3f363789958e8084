import { RadixAllocator, ScatteredAllocator } from '@ksub/index-mapping';
import { ClusteredAllocator } from './clustered-allocator';
import { neighbourSharing } from './neighbour-sharing';
import { gaussianBlobs } from './testing-blobs';

describe('neighbourSharing', () => {
  const { matrix } = gaussianBlobs(3000, 16, 30, 11, 5);
  const request = { numTokens: 3000, numTables: 3, dim: 12, seed: 1, embeddings: matrix };

  it('scores a clustered allocation far above radix and scattered ones', async () => {
    const clustered = neighbourSharing(
      await new ClusteredAllocator().allocate({ ...request, rows: 30 }),
      matrix,
      { queries: 200 },
    );
    const radix = neighbourSharing(await new RadixAllocator().allocate(request), matrix, { queries: 200 });
    const scattered = neighbourSharing(await new ScatteredAllocator().allocate(request), matrix, {
      queries: 200,
    });
    // neighbours in the same blob share the level-1 row: at least ~1 of 3 rows
    expect(clustered.neighbours).toBeGreaterThan(0.9);
    expect(clustered.neighbours).toBeGreaterThan(5 * Math.max(radix.neighbours, scattered.neighbours));
    // random pairs share about Σ 1/M_j rows for radix (M = 15): ≈ 0.2
    expect(radix.random).toBeGreaterThan(0.1);
    expect(radix.random).toBeLessThan(0.35);
    expect(clustered.ratio).toBeGreaterThan(3);
  });

  it('matches a hand-computed case', () => {
    // 1-D tokens at 0, 0.1, 10, 10.1: nearest pairs 0↔1 and 2↔3, each sharing exactly one row
    const embeddings = { rows: 4, cols: 1, data: Float32Array.of(0, 0.1, 10, 10.1) };
    const allocation = {
      numTokens: 4,
      numTables: 2,
      rows: [2, 2],
      widths: [1, 1],
      codes: Int32Array.of(0, 0, 0, 1, 1, 0, 1, 1),
      method: 'manual',
    };
    const result = neighbourSharing(allocation, embeddings, { neighbours: 1, queries: 4 });
    expect(result.neighbours).toBe(1);
    expect(result.queries).toBe(4);
    // any other token shares 1 row (the nearest one) or 0 rows (the diagonal one): mean in [1/3, 2/3] in expectation
    expect(result.random).toBeGreaterThanOrEqual(0);
    expect(result.random).toBeLessThanOrEqual(1);
  });

  it('rejects mismatched sizes and bad options', async () => {
    const alloc = await new RadixAllocator().allocate({ numTokens: 10, numTables: 2, dim: 4 });
    expect(() => neighbourSharing(alloc, matrix)).toThrow(
      new RangeError('neighbourSharing: embeddings must have numTokens = 10 rows; got 3000'),
    );
  });
});
