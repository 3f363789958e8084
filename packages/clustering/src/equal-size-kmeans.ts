import { assertInteger, type EmbeddingMatrix, validateMatrix } from '@ksub/core';
import { DotContext } from './dot-engine';
import { kmeansIn, type KMeansResult } from './kmeans';
import { resolveThreads } from './resolve-threads';
import { allSquaredDistances, prepareRows, type PreparedRows, squaredDistance } from './squared-distances';

/** Options of {@link equalSizeKmeans}. */
export interface EqualSizeKMeansOptions {
  /** Number of clusters, 1 ≤ k ≤ rows. */
  readonly k: number;
  /** Seed of the initial k-means (default 0). */
  readonly seed?: number;
  /** Refinement rounds (centroid update + transfers) at most (default 100). */
  readonly maxIter?: number;
  /** Lloyd iterations of the unconstrained k-means that gives the starting centroids (default 20). */
  readonly initIter?: number;
  /**
   * Threads that share the dot products, the calling one included, an integer ≥ 1 (default:
   * `KSUB_THREADS`, else every core; 1 in a browser). Results are bit for bit the same for any count.
   */
  readonly threads?: number;
}

/** {@link EqualSizeKMeansOptions} validated, with defaults; `threads` aside. */
interface EqualSizeSettings {
  readonly k: number;
  readonly seed: number;
  readonly maxIter: number;
  readonly initIter: number;
}

/** Validates the matrix and options of an equal-size k-means (messages name `fn`). */
function resolveSettings(
  fn: string,
  matrix: EmbeddingMatrix,
  options: EqualSizeKMeansOptions,
): EqualSizeSettings {
  validateMatrix(fn, 'matrix', matrix);
  const { k } = options;
  assertInteger(fn, 'options.k', k, { min: 1, max: matrix.rows });
  const maxIter = options.maxIter ?? 100;
  const initIter = options.initIter ?? 20;
  assertInteger(fn, 'options.maxIter', maxIter, { min: 0 });
  assertInteger(fn, 'options.initIter', initIter, { min: 1 });
  return { k, seed: options.seed ?? 0, maxIter, initIter };
}

/** Means of the rows of each of the k clusters (an empty one's is 0), k × dim row-major. */
function centroidsOf(rows: PreparedRows, labels: Int32Array, k: number): Float32Array {
  const { data, n, dim } = rows;
  const sums = new Float64Array(k * dim);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const j = labels[i] as number;
    sizes[j] = (sizes[j] as number) + 1;
    for (let d = 0; d < dim; d++)
      sums[j * dim + d] = (sums[j * dim + d] as number) + (data[i * dim + d] as number);
  }
  const out = new Float32Array(k * dim);
  for (let j = 0; j < k; j++)
    for (let d = 0; d < dim; d++)
      out[j * dim + d] = (sums[j * dim + d] as number) / Math.max(1, sizes[j] as number);
  return out;
}

/**
 * Equal-size k-means: every cluster gets exactly ⌊n/k⌋ or ⌈n/k⌉ rows (n mod k clusters the larger
 * size). Method, after Schubert's "same-size k-means": start from an unconstrained k-means; assign
 * rows greedily, those with the most to lose first (best distance minus worst), each to its nearest
 * cluster with room; then alternate centroid updates with transfers at fixed centroids — a row
 * moves to its preferred cluster when sizes allow, or swaps with a row of that cluster preferring
 * its own, whenever the pair's summed squared distance drops. Each step lowers the objective, so it
 * terminates; balance holds exactly at every step. Cost per round: the n × k distance matrix plus
 * sorting the proposals. The same for any `threads`.
 *
 * @throws TypeError / RangeError naming the argument (k < 1, k > n, non-finite data, bad options,
 *   e.g. `equalSizeKmeans: options.threads must be an integer >= 1; got 0`)
 * @example
 * ```ts
 * const { sizes } = equalSizeKmeans(embeddings, { k: 50, seed: 1 }); // every size ⌊n/50⌋ or ⌈n/50⌉
 * ```
 */
export function equalSizeKmeans(matrix: EmbeddingMatrix, options: EqualSizeKMeansOptions): KMeansResult {
  const fn = 'equalSizeKmeans';
  const settings = resolveSettings(fn, matrix, options);
  const context = DotContext.create({ threads: resolveThreads(fn, options.threads) });
  try {
    return balanced(context, matrix, settings, fn);
  } finally {
    context.dispose();
  }
}

/**
 * {@link equalSizeKmeans} on the engines of `context`; the context's thread count applies and
 * `options.threads` is not read (for the clustered allocator, which runs many as one job).
 *
 * @param fn - the public function, for messages
 * @throws as {@link equalSizeKmeans}
 */
export function equalSizeKmeansIn(
  context: DotContext,
  matrix: EmbeddingMatrix,
  options: EqualSizeKMeansOptions,
  fn = 'equalSizeKmeans',
): KMeansResult {
  return balanced(context, matrix, resolveSettings(fn, matrix, options), fn);
}

/** The algorithm of {@link equalSizeKmeans}, on validated settings. */
function balanced(
  context: DotContext,
  matrix: EmbeddingMatrix,
  settings: EqualSizeSettings,
  fn: string,
): KMeansResult {
  const { rows: n, cols: dim, data } = matrix;
  const { k, seed, maxIter, initIter } = settings;
  // the starting k-means first: it takes the context's engine, which the rows below then replace
  let centroids = kmeansIn(context, matrix, { k, seed, maxIter: initIter }, fn).centroids;
  const rows = prepareRows(context, data, n, dim);
  const base = Math.floor(n / k);
  const extra = n % k;
  let dist = allSquaredDistances(rows, centroids, k);

  // Greedy balanced assignment: rows with the largest best−worst gap first.
  const order = Array.from({ length: n }, (_, i) => i);
  const gap = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < k; j++) {
      const d = dist[i * k + j] as number;
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    gap[i] = lo - hi;
  }
  order.sort((a, b) => (gap[a] as number) - (gap[b] as number));
  const labels = new Int32Array(n);
  const sizes = new Int32Array(k);
  let ceilUsed = 0;
  const byDistance = Array.from({ length: k }, (_, j) => j);
  for (const i of order) {
    byDistance.sort((a, b) => (dist[i * k + a] as number) - (dist[i * k + b] as number));
    for (const j of byDistance) {
      const size = sizes[j] as number;
      if (size < base || (size === base && ceilUsed < extra)) {
        if (size === base) ceilUsed++;
        sizes[j] = size + 1;
        labels[i] = j;
        break;
      }
    }
  }

  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    centroids = centroidsOf(rows, labels, k);
    dist = allSquaredDistances(rows, centroids, k);
    // Each row proposes its best other cluster when that is closer than its own.
    const proposals = new Map<number, Array<{ i: number; gain: number }>>();
    const all: Array<{ i: number; from: number; to: number; gain: number }> = [];
    for (let i = 0; i < n; i++) {
      const a = labels[i] as number;
      let b = -1;
      let bd = dist[i * k + a] as number;
      for (let j = 0; j < k; j++) {
        const d = dist[i * k + j] as number;
        if (d < bd) {
          bd = d;
          b = j;
        }
      }
      if (b < 0) continue;
      const gain = (dist[i * k + a] as number) - bd;
      const list = proposals.get(a * k + b) ?? [];
      list.push({ i, gain });
      proposals.set(a * k + b, list);
      all.push({ i, from: a, to: b, gain });
    }
    for (const list of proposals.values()) list.sort((x, y) => y.gain - x.gain);
    all.sort((x, y) => y.gain - x.gain);
    let moved = 0;
    const done = new Uint8Array(n);
    for (const p of all) {
      if (done[p.i] === 1 || labels[p.i] !== p.from) continue;
      const { from: a, to: b } = p;
      if ((sizes[a] as number) === base + 1 && (sizes[b] as number) === base) {
        labels[p.i] = b;
        sizes[a] = base;
        sizes[b] = base + 1;
        done[p.i] = 1;
        moved++;
        continue;
      }
      const partners = proposals.get(b * k + a) ?? [];
      while (
        partners.length > 0 &&
        (done[(partners[0] as { i: number }).i] === 1 || labels[(partners[0] as { i: number }).i] !== b)
      )
        partners.shift();
      const partner = partners[0];
      if (partner === undefined) continue;
      // exact change of the pair's cost when they trade places
      const before = (dist[p.i * k + a] as number) + (dist[partner.i * k + b] as number);
      const after = (dist[p.i * k + b] as number) + (dist[partner.i * k + a] as number);
      if (after < before) {
        partners.shift();
        labels[p.i] = b;
        labels[partner.i] = a;
        done[p.i] = 1;
        done[partner.i] = 1;
        moved += 2;
      }
    }
    if (moved === 0) break;
  }
  centroids = centroidsOf(rows, labels, k);
  let inertia = 0; // exact, by direct differences
  for (let i = 0; i < n; i++) inertia += squaredDistance(data, i, centroids, labels[i] as number, dim);
  return { labels, centroids, inertia, iterations, sizes: Int32Array.from(sizes) };
}
