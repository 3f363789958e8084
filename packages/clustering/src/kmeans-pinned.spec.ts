import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmbeddingMatrix } from '@ksub/core';
import { equalSizeKmeans } from './equal-size-kmeans';
import { kmeans, type KMeansOptions, type KMeansResult } from './kmeans';
import pinned from './kmeans-pinned.json';
import { gaussianBlobs } from './testing-blobs';

// Regression pins, not correctness claims (kmeans.spec.ts checks those): every output of a few
// small seeded runs, bit for bit, so that refactors (#16 replaced positional parameters with
// options objects) provably change nothing. kmeans-pinned.json was recorded on commit 4cf25c6,
// before that refactor, with
//   KSUB_RECORD_PINS=1 npx jest -c packages/clustering/jest.config.cjs --runInBand kmeans-pinned
//   npx prettier --write packages/clustering/src/kmeans-pinned.json
// (the first writes the file instead of comparing). Float32 centroids survive JSON exactly (every float32
// is a double, printed shortest-round-trip), so `toEqual` compares bits.

/** A result as plain JSON values. */
interface Pin {
  readonly labels: number[];
  readonly centroids: number[];
  readonly inertia: number;
  readonly iterations: number;
  readonly sizes: number[];
}

function pin(result: KMeansResult): Pin {
  return {
    labels: Array.from(result.labels),
    centroids: Array.from(result.centroids),
    inertia: result.inertia,
    iterations: result.iterations,
    sizes: Array.from(result.sizes),
  };
}

/** Runs `f` with `KSUB_KMEANS_BACKEND` set to `backend` (the default engine when undefined). */
function withBackend<T>(backend: 'js' | undefined, f: () => T): T {
  const before = process.env['KSUB_KMEANS_BACKEND'];
  if (backend === undefined) delete process.env['KSUB_KMEANS_BACKEND'];
  else process.env['KSUB_KMEANS_BACKEND'] = backend;
  try {
    return f();
  } finally {
    if (before === undefined) delete process.env['KSUB_KMEANS_BACKEND'];
    else process.env['KSUB_KMEANS_BACKEND'] = before;
  }
}

/** 10 coincident rows and 2 others: k-means++ and the empty-cluster repair both have work to do. */
function coincident() {
  const data = new Float32Array(12 * 2);
  data.set([5, 5], 20);
  data.set([9, 0], 22);
  return createEmbeddingMatrix(12, 2, data);
}

const overlapping = gaussianBlobs(60, 4, 5, 11, 1.5).matrix;
const kmeansCases: ReadonlyArray<
  readonly [string, () => ReturnType<typeof createEmbeddingMatrix>, KMeansOptions]
> = [
  ['overlapping blobs, nInit 3', () => overlapping, { k: 5, seed: 3, nInit: 3 }],
  ['overlapping blobs, tol 0, 3 local trials', () => overlapping, { k: 6, seed: 8, tol: 0, localTrials: 3 }],
  ['overlapping blobs, capped at 2 iterations', () => overlapping, { k: 7, seed: 1, maxIter: 2 }],
  ['300 rows: two blocks of 256', () => gaussianBlobs(300, 5, 4, 6, 2).matrix, { k: 4, seed: 2 }],
  ['coincident rows (empty-cluster repair)', coincident, { k: 3, seed: 0 }],
];

function compute(): Record<string, Pin> {
  const out: Record<string, Pin> = {};
  for (const backend of [undefined, 'js'] as const) {
    withBackend(backend, () => {
      for (const [name, matrix, options] of kmeansCases)
        out[`kmeans ${backend ?? 'default'}: ${name}`] = pin(kmeans(matrix(), options));
      out[`equalSizeKmeans ${backend ?? 'default'}`] = pin(
        equalSizeKmeans(gaussianBlobs(50, 3, 4, 2, 1).matrix, { k: 4, seed: 1 }),
      );
    });
  }
  return out;
}

describe('k-means outputs pinned before #16', () => {
  const actual = compute();

  if (process.env['KSUB_RECORD_PINS'] === '1') {
    it('records the pins', () => {
      writeFileSync(join(__dirname, 'kmeans-pinned.json'), `${JSON.stringify(actual, null, 2)}\n`);
    });
    return;
  }

  it('covers the same cases as the recording', () => {
    expect(Object.keys(actual).sort()).toEqual(Object.keys(pinned).sort());
  });

  it.each(Object.keys(pinned))('%s: identical labels, centroids, inertia, iterations, sizes', (name) => {
    expect(actual[name]).toEqual((pinned as Record<string, Pin>)[name]);
  });
});
