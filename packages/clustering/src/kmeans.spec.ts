import { createEmbeddingMatrix } from '@ksub/core';
import { DEFAULT_KMEANS_OPTIONS, kmeans } from './kmeans';
import { squaredDistance } from './squared-distances';
import { gaussianBlobs } from './testing-blobs';

/** Whether two labelings define the same partition (up to renaming clusters). */
function samePartition(a: Int32Array, b: Int32Array): boolean {
  const map = new Map<number, number>();
  const back = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if ((map.get(x) ?? y) !== y || (back.get(y) ?? x) !== x) return false;
    map.set(x, y);
    back.set(y, x);
  }
  return true;
}

describe('kmeans', () => {
  it('recovers well-separated blobs exactly', () => {
    const { matrix, truth } = gaussianBlobs(600, 8, 6, 1);
    const result = kmeans(matrix, { k: 6, seed: 3 });
    expect(samePartition(result.labels, truth)).toBe(true);
    expect(Array.from(result.sizes)).toEqual([100, 100, 100, 100, 100, 100]);
  });

  it('ends at a Lloyd fixed point: labels are nearest centroids, centroids are member means, inertia adds up', () => {
    const { matrix } = gaussianBlobs(500, 5, 3, 2, 1); // overlapping blobs
    const { labels, centroids, inertia, sizes } = kmeans(matrix, { k: 7, seed: 1, tol: 0 });
    const { data, rows, cols } = matrix;
    let total = 0;
    for (let i = 0; i < rows; i++) {
      const own = squaredDistance(data, i, centroids, labels[i] as number, cols);
      total += own;
      for (let j = 0; j < 7; j++)
        expect(own).toBeLessThanOrEqual(squaredDistance(data, i, centroids, j, cols) + 1e-3);
    }
    expect(inertia).toBeCloseTo(total, 1);
    for (let j = 0; j < 7; j++) {
      for (let d = 0; d < cols; d++) {
        let s = 0;
        for (let i = 0; i < rows; i++) if (labels[i] === j) s += data[i * cols + d] as number;
        expect(centroids[j * cols + d]).toBeCloseTo(s / (sizes[j] as number), 4);
      }
    }
  });

  it('reaches zero inertia with one cluster per row, and is deterministic for a seed', () => {
    const { matrix } = gaussianBlobs(20, 3, 2, 4);
    expect(kmeans(matrix, { k: 20, seed: 1 }).inertia).toBeCloseTo(0, 6);
    const a = kmeans(matrix, { k: 4, seed: 9 });
    const b = kmeans(matrix, { k: 4, seed: 9 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
  });

  it('keeps the best of nInit runs', () => {
    const { matrix } = gaussianBlobs(400, 4, 12, 5, 2);
    const one = kmeans(matrix, { k: 12, seed: 5, nInit: 1 });
    const five = kmeans(matrix, { k: 12, seed: 5, nInit: 5 });
    expect(five.inertia).toBeLessThanOrEqual(one.inertia);
  });

  it('repairs empty clusters when rows coincide', () => {
    // 10 identical rows and 2 others: k-means++ must still end with 3 non-empty clusters
    const data = new Float32Array(12 * 2);
    data.set([5, 5], 20);
    data.set([9, 0], 22);
    const result = kmeans(createEmbeddingMatrix(12, 2, data), { k: 3, seed: 0 });
    expect(Array.from(result.sizes).sort((x, y) => x - y)).toEqual([1, 1, 10]);
  });

  it('merges frozen defaults once; an option given as undefined keeps its default', () => {
    expect(Object.isFrozen(DEFAULT_KMEANS_OPTIONS)).toBe(true);
    expect(DEFAULT_KMEANS_OPTIONS).toEqual({ seed: 0, maxIter: 300, tol: 1e-4, nInit: 1 });
    const { matrix } = gaussianBlobs(80, 3, 4, 6, 2);
    const spelled = kmeans(matrix, {
      k: 4,
      ...DEFAULT_KMEANS_OPTIONS,
      localTrials: 2 + Math.floor(Math.log(4)),
    });
    const unset = kmeans(matrix, {
      k: 4,
      seed: undefined,
      maxIter: undefined,
      tol: undefined,
      nInit: undefined,
    });
    for (const result of [unset, kmeans(matrix, { k: 4 })]) {
      expect(Array.from(result.labels)).toEqual(Array.from(spelled.labels));
      expect(Array.from(result.centroids)).toEqual(Array.from(spelled.centroids));
      expect(result.inertia).toBe(spelled.inertia);
    }
  });

  it('rejects bad input, naming it', () => {
    const { matrix } = gaussianBlobs(10, 2, 2, 1);
    expect(() => kmeans(matrix, { k: 0 })).toThrow(
      new RangeError('kmeans: options.k must be an integer in [1, 10]; got 0'),
    );
    expect(() => kmeans(matrix, { k: 11 })).toThrow(
      'kmeans: options.k must be an integer in [1, 10]; got 11',
    );
    const bad = Float32Array.from(matrix.data);
    bad[7] = Number.NaN;
    expect(() => kmeans(createEmbeddingMatrix(10, 2, bad), { k: 2 })).toThrow(
      new RangeError('kmeans: matrix must hold finite values; got NaN at row 3, column 1'),
    );
    expect(() => kmeans({ rows: 10, cols: 3, data: matrix.data }, { k: 2 })).toThrow(
      'kmeans: matrix.data must hold rows·cols = 30 values; got 20',
    );
    expect(() => kmeans(matrix, { k: 2, tol: -1 })).toThrow(
      'kmeans: options.tol must be a finite number >= 0; got -1',
    );
    expect(() => kmeans(matrix, { k: 2, seed: -1 })).toThrow(
      new RangeError('kmeans: options.seed must be an integer in [0, 4294967295]; got -1'),
    );
    expect(() => kmeans(matrix, { k: 2, nInit: 0 })).toThrow(
      'kmeans: options.nInit must be an integer >= 1; got 0',
    );
    expect(() => kmeans(matrix, { k: 2, localTrials: 1.5 })).toThrow(
      'kmeans: options.localTrials must be an integer >= 1; got 1.5',
    );
    expect(() => kmeans(matrix, undefined as unknown as { k: number })).toThrow(
      new TypeError('kmeans: options must be an object with k; got undefined'),
    );
  });
});
