import { equalSizeKmeans } from './equal-size-kmeans';
import { kmeans } from './kmeans';
import { squaredDistance } from './squared-distances';
import { gaussianBlobs } from './testing-blobs';

describe('equalSizeKmeans', () => {
  it.each([
    [1000, 7],
    [1003, 10],
    [64, 64],
    [50, 1],
  ])('balances %i rows into %i clusters exactly (⌊n/k⌋ or ⌈n/k⌉, n mod k of the larger)', (n, k) => {
    const { matrix } = gaussianBlobs(n, 6, 5, 3, 3); // unequal natural clusters
    const { sizes, labels } = equalSizeKmeans(matrix, { k, seed: 1 });
    const base = Math.floor(n / k);
    expect(Array.from(sizes).every((s) => s === base || s === base + 1)).toBe(true);
    expect(Array.from(sizes).filter((s) => s === base + 1)).toHaveLength(n % k);
    const counted = new Int32Array(k);
    for (const j of labels) counted[j] = (counted[j] as number) + 1;
    expect(Array.from(counted)).toEqual(Array.from(sizes));
  });

  it('reports the inertia of its labels and centroids', () => {
    const { matrix } = gaussianBlobs(300, 4, 3, 2, 2);
    const r = equalSizeKmeans(matrix, { k: 6, seed: 2 });
    let total = 0;
    for (let i = 0; i < 300; i++)
      total += squaredDistance(matrix.data, i, r.centroids, r.labels[i] as number, 4);
    expect(r.inertia).toBeCloseTo(total, 1);
  });

  it('improves on the greedy assignment and stays near unconstrained k-means on balanced blobs', () => {
    const { matrix } = gaussianBlobs(600, 5, 6, 4, 4); // six blobs of 100 rows: balance is natural
    const balanced = equalSizeKmeans(matrix, { k: 6, seed: 4 });
    const greedyOnly = equalSizeKmeans(matrix, { k: 6, seed: 4, maxIter: 0 });
    const free = kmeans(matrix, { k: 6, seed: 4 });
    expect(balanced.inertia).toBeLessThanOrEqual(greedyOnly.inertia);
    expect(balanced.inertia).toBeLessThanOrEqual(free.inertia * 1.05);
  });

  it('rejects bad input, naming it', () => {
    const { matrix } = gaussianBlobs(10, 2, 2, 1);
    expect(() => equalSizeKmeans(matrix, { k: 11 })).toThrow(
      new RangeError('equalSizeKmeans: options.k must be an integer in [1, 10]; got 11'),
    );
  });
});
