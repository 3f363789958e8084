import type { Allocation } from '@ksub/core';
import { allocateClustered, ClusteredAllocator } from './clustered-allocator';
import { DotContext } from './dot-engine';
import { equalSizeKmeans, equalSizeKmeansIn } from './equal-size-kmeans';
import { kmeans, kmeansIn, type KMeansResult } from './kmeans';
import { productQuantize } from './product-quantize';
import { gaussianBlobs } from './testing-blobs';

// Results must not depend on the thread count: the kernel computes every dot product with the same
// additions in the same order however a block is split into tiles, and everything after the dot
// products runs on the calling thread. Each case runs with threads: 1 and on a 2-thread context
// whose worker is ready before the first product, so that every block of 2¹⁶ multiply-adds or more
// is split; k-means also with threads: 2 through the public function (on a busy machine its
// worker may join late or not at all).

/** 4,097 × 64 = 262,208 values, just over the 2¹⁸ from which workers start; odd rows. */
const large = gaussianBlobs(4097, 64, 12, 21, 1.5).matrix;
/** 2,001 × 30: odd rows, dims off the 4-lane grid. */
const { matrix } = gaussianBlobs(2001, 30, 12, 22, 1.5);

/** The bits of each float, so that `toEqual` compares them exactly. */
function bits(values: Float32Array): number[] {
  return Array.from(new Uint32Array(values.slice().buffer));
}

function expectSameResult(actual: KMeansResult, expected: KMeansResult): void {
  expect(Array.from(actual.labels)).toEqual(Array.from(expected.labels));
  expect(bits(actual.centroids)).toEqual(bits(expected.centroids));
  expect(Object.is(actual.inertia, expected.inertia)).toBe(true);
  expect(actual.iterations).toBe(expected.iterations);
  expect(Array.from(actual.sizes)).toEqual(Array.from(expected.sizes));
}

function expectSameAllocation(actual: Allocation, expected: Allocation): void {
  expect(Array.from(actual.codes)).toEqual(Array.from(expected.codes));
  expect(actual.rows).toEqual(expected.rows);
  expect(actual.metadata).toEqual(expected.metadata);
}

describe('results do not depend on the thread count', () => {
  const ready = DotContext.create({ threads: 2 });
  beforeAll(async () => {
    expect(await ready.ready()).toBe(1);
  });
  afterAll(() => ready.dispose());

  it('kmeans: labels, centroids (bit for bit), inertia, iterations and sizes', () => {
    const options = { k: 10, seed: 4, nInit: 2 };
    const one = kmeans(large, { ...options, threads: 1 });
    expectSameResult(kmeans(large, { ...options, threads: 2 }), one);
    expectSameResult(kmeansIn(ready, large, options), one);
    expectSameResult(kmeansIn(ready, matrix, options), kmeans(matrix, { ...options, threads: 1 }));
    expect(ready.readyWorkers).toBe(1);
  });

  it('equalSizeKmeans: labels, centroids (bit for bit), inertia, iterations and sizes', () => {
    const options = { k: 9, seed: 2, maxIter: 5 };
    const one = equalSizeKmeans(matrix, { ...options, threads: 1 });
    expectSameResult(equalSizeKmeansIn(ready, matrix, options), one);
  });

  it.each(['naive', 'equal'] as const)(
    'the clustered allocator (%s): codes, rows and metadata',
    async (variant) => {
      // level 2 clusters groups of about 170 rows: 170 × 12 × 30 multiply-adds per block, split too
      const request = { numTokens: 2001, numTables: 3, dim: 30, rows: 12, seed: 3, embeddings: matrix };
      const allocator = new ClusteredAllocator();
      const one = await allocator.allocate({ ...request, options: { variant, maxIter: 10, threads: 1 } });
      const options = { variant, maxIter: 10, threads: 2 };
      expectSameAllocation(await allocateClustered(allocator, { ...request, options }, ready), one);
    },
  );

  it('productQuantize: codes and sub-tables (bit for bit)', () => {
    const options = { k: 1, m: 16, seed: 5, maxIter: 10 }; // one block of all 64 columns: workers start
    const one = productQuantize(large, { ...options, threads: 1 });
    const two = productQuantize(large, { ...options, threads: 2 });
    expect(Array.from(two.codes)).toEqual(Array.from(one.codes));
    expect(two.tables.map(bits)).toEqual(one.tables.map(bits));
  });
});

describe('the threads option', () => {
  const small = gaussianBlobs(20, 3, 2, 1).matrix;

  it.each([
    [0, RangeError, 'an integer >= 1; got 0'],
    [1.5, RangeError, 'an integer >= 1; got 1.5'],
    ['2', TypeError, 'a number; got "2"'],
  ] as const)('rejects %p, naming the function, the option and the value', async (threads, type, says) => {
    const bad = threads as unknown as number;
    expect(() => kmeans(small, { k: 2, threads: bad })).toThrow(
      new type(`kmeans: options.threads must be ${says}`),
    );
    expect(() => equalSizeKmeans(small, { k: 2, threads: bad })).toThrow(
      new type(`equalSizeKmeans: options.threads must be ${says}`),
    );
    expect(() => productQuantize(small, { k: 1, m: 2, threads: bad })).toThrow(
      new type(`productQuantize: options.threads must be ${says}`),
    );
    await expect(
      new ClusteredAllocator().allocate({
        numTokens: 20,
        numTables: 2,
        dim: 3,
        rows: 5,
        embeddings: small,
        options: { threads: bad },
      }),
    ).rejects.toThrow(new type(`clustered.allocate: options.threads must be ${says}`));
  });

  it('defaults to KSUB_THREADS, and names it when it is malformed', () => {
    const before = process.env['KSUB_THREADS'];
    try {
      process.env['KSUB_THREADS'] = 'two';
      expect(() => kmeans(small, { k: 2 })).toThrow('KSUB_THREADS must be a positive integer; got "two"');
      process.env['KSUB_THREADS'] = '1';
      expect(kmeans(small, { k: 2, seed: 1 }).sizes).toHaveLength(2);
    } finally {
      if (before === undefined) delete process.env['KSUB_THREADS'];
      else process.env['KSUB_THREADS'] = before;
    }
  });
});
