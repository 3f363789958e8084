import type { Rng } from '@ksub/core';
import type { PreparedRows } from './squared-distances';

/** Index of the first entry of `cumulative` exceeding `target` (binary search). */
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
 * Options of {@link kmeansPlusPlus}. All required and trusted: {@link kmeans}, the public boundary,
 * fills in the defaults and validates them.
 */
export interface KMeansPlusPlusOptions {
  /** Centres to choose, 1 ≤ k ≤ n. */
  readonly k: number;
  /** The draws' source; advanced by them. */
  readonly rng: Rng;
  /** Candidates scored per step, ≥ 1 (kmeans's default: 2 + ⌊ln k⌋, scikit-learn's). */
  readonly localTrials: number;
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with scikit-learn's greedy variant): the
 * first centre is a uniformly random row; each next centre is the best, by resulting potential, of
 * `localTrials` rows drawn with probability proportional to their squared distance to the nearest
 * centre so far. All candidates of a step are scored in one blocked pass over the data. Returns
 * k × dim centroids.
 */
export function kmeansPlusPlus(rows: PreparedRows, options: KMeansPlusPlusOptions): Float32Array {
  const { engine, data, norms, n, dim } = rows;
  const { k, rng, localTrials } = options;
  const centroids = new Float32Array(k * dim);
  const first = rng.nextInt(n);
  centroids.set(data.subarray(first * dim, (first + 1) * dim), 0);
  const closest = new Float64Array(n);
  const firstBlock = engine.blockRows(1);
  for (let start = 0; start < n; start += firstBlock) {
    const count = Math.min(firstBlock, n - start);
    const dots = engine.dots(start, count, centroids.subarray(0, dim), 1);
    for (let r = 0; r < count; r++) {
      closest[start + r] = Math.max(
        0,
        (norms[start + r] as number) + (norms[first] as number) - 2 * (dots[r] as number),
      );
    }
  }
  const cumulative = new Float64Array(n);
  const candidates = new Int32Array(localTrials);
  const candidateRows = new Float32Array(localTrials * dim);
  const trial = new Float64Array(localTrials * n);
  const potential = new Float64Array(localTrials);
  const block = engine.blockRows(localTrials);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += closest[i] as number;
      cumulative[i] = total;
    }
    for (let t = 0; t < localTrials; t++) {
      // all rows coincide with centres already: any row will do
      const candidate = total > 0 ? pick(cumulative, rng.nextFloat() * total) : rng.nextInt(n);
      candidates[t] = candidate;
      candidateRows.set(data.subarray(candidate * dim, (candidate + 1) * dim), t * dim);
    }
    potential.fill(0);
    for (let start = 0; start < n; start += block) {
      const count = Math.min(block, n - start);
      const dots = engine.dots(start, count, candidateRows, localTrials);
      for (let r = 0; r < count; r++) {
        const i = start + r;
        const ni = norms[i] as number;
        const ci = closest[i] as number;
        for (let t = 0; t < localTrials; t++) {
          const d = Math.min(
            ci,
            Math.max(
              0,
              ni + (norms[candidates[t] as number] as number) - 2 * (dots[r * localTrials + t] as number),
            ),
          );
          trial[t * n + i] = d;
          potential[t] = (potential[t] as number) + d;
        }
      }
    }
    let bestT = 0;
    for (let t = 1; t < localTrials; t++)
      if ((potential[t] as number) < (potential[bestT] as number)) bestT = t;
    const chosen = candidates[bestT] as number;
    centroids.set(data.subarray(chosen * dim, (chosen + 1) * dim), c * dim);
    closest.set(trial.subarray(bestT * n, (bestT + 1) * n));
  }
  return centroids;
}
