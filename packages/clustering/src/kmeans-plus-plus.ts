import type { Rng } from '@ksub/core';
import { squaredDistance } from './squared-distances';

/** Index of the first entry of the cumulative `weights` exceeding `target` (binary search). */
function pick(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with scikit-learn's greedy variant): the
 * first centre is a uniformly random row; each next centre is the best, by resulting potential, of
 * `localTrials` rows drawn with probability proportional to their squared distance to the nearest
 * centre so far. Returns k × dim centroids.
 */
export function kmeansPlusPlus(
  data: Float32Array,
  n: number,
  dim: number,
  k: number,
  rng: Rng,
  localTrials: number,
): Float32Array {
  const centroids = new Float32Array(k * dim);
  const first = rng.nextInt(n);
  centroids.set(data.subarray(first * dim, (first + 1) * dim), 0);
  const closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = squaredDistance(data, i, centroids, 0, dim);
  const cumulative = new Float64Array(n);
  const trial = new Float64Array(n);
  const bestTrial = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += closest[i] as number;
      cumulative[i] = total;
    }
    let bestCandidate = -1;
    let bestPotential = Infinity;
    for (let t = 0; t < localTrials; t++) {
      // all points coincide with centres: any row will do
      const candidate = total > 0 ? pick(cumulative, rng.nextFloat() * total) : rng.nextInt(n);
      let potential = 0;
      for (let i = 0; i < n; i++) {
        const d = Math.min(closest[i] as number, squaredDistance(data, i, data, candidate, dim));
        trial[i] = d;
        potential += d;
      }
      if (potential < bestPotential) {
        bestPotential = potential;
        bestCandidate = candidate;
        bestTrial.set(trial);
      }
    }
    centroids.set(data.subarray(bestCandidate * dim, (bestCandidate + 1) * dim), c * dim);
    closest.set(bestTrial);
  }
  return centroids;
}
