import {
  assertInteger,
  assert,
  describe,
  type EmbeddingMatrix,
  MAX_SEED,
  Rng,
  validateMatrix,
  withDefaults,
} from '@ksub/core';
import { DotContext } from './dot-engine';
import { kmeansPlusPlus } from './kmeans-plus-plus';
import { resolveThreads } from './resolve-threads';
import { assignNearest, prepareRows, type PreparedRows, squaredDistance } from './squared-distances';

/** Options of {@link kmeans}. */
export interface KMeansOptions {
  /** Number of clusters, 1 ≤ k ≤ rows. */
  readonly k: number;
  /** Seed of k-means++, an integer in [0, 2³² − 1] (default 0). */
  readonly seed?: number;
  /** Iteration cap per run, ≥ 1 (default 300, scikit-learn's). */
  readonly maxIter?: number;
  /**
   * Relative tolerance, finite and ≥ 0 (default 1e-4, scikit-learn's): a run stops when the
   * squared centroid shift is at most `tol` × the mean per-feature variance of the data, or when
   * no label changes.
   */
  readonly tol?: number;
  /** Independent runs from different seeds, ≥ 1; the lowest inertia wins (default 1). */
  readonly nInit?: number;
  /** Candidates per k-means++ step, ≥ 1 (default 2 + ⌊ln k⌋, scikit-learn's greedy k-means++). */
  readonly localTrials?: number;
  /**
   * Threads that share the dot products, the calling one included, an integer ≥ 1 (default:
   * `KSUB_THREADS`, else every core; 1 in a browser). Results are bit for bit the same for any
   * count. Data under 2¹⁸ values (rows · cols) runs on the calling thread.
   */
  readonly threads?: number;
}

/**
 * Defaults of {@link KMeansOptions}, merged once in {@link kmeans}. `localTrials` is not here: its
 * default, 2 + ⌊ln k⌋, depends on k; nor is `threads`: its default depends on the machine.
 */
export const DEFAULT_KMEANS_OPTIONS: Readonly<
  Required<Pick<KMeansOptions, 'seed' | 'maxIter' | 'tol' | 'nInit'>>
> = Object.freeze({ seed: 0, maxIter: 300, tol: 1e-4, nInit: 1 });

/** A k-means clustering. */
export interface KMeansResult {
  /** Cluster of each row. */
  readonly labels: Int32Array;
  /** k × cols centroids, row-major. */
  readonly centroids: Float32Array;
  /** Sum of squared distances of rows to their centroid. */
  readonly inertia: number;
  /** Lloyd iterations of the winning run. */
  readonly iterations: number;
  /** Size of each cluster. */
  readonly sizes: Int32Array;
}

/** Mean over columns of the per-column variance (scikit-learn's scale for `tol`). */
function meanVariance(data: Float32Array, n: number, dim: number): number {
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++)
    for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) + (data[i * dim + d] as number);
  for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) / n;
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dim; d++) {
      const diff = (data[i * dim + d] as number) - (mean[d] as number);
      total += diff * diff;
    }
  }
  return total / n / dim;
}

/** Settings of one Lloyd {@link run}: resolved and validated by {@link kmeans}, trusted here. */
interface RunSettings {
  /** Number of clusters. */
  readonly k: number;
  /** This run's own stream (a fork), so restarts do not depend on one another's draws. */
  readonly rng: Rng;
  /** Iteration cap. */
  readonly maxIter: number;
  /** `tol` × the data's mean per-feature variance: the squared centroid shift that ends the run. */
  readonly tolAbs: number;
  /** Candidates per k-means++ step. */
  readonly localTrials: number;
}

/** One Lloyd run from k-means++ seeds. */
function run(rows: PreparedRows, settings: RunSettings): KMeansResult {
  const { data, n, dim } = rows;
  const { k, maxIter, tolAbs } = settings;
  let centroids = kmeansPlusPlus(rows, settings);
  const labels = new Int32Array(n).fill(-1);
  const best = new Float64Array(n);
  const sums = new Float64Array(k * dim);
  const sizes = new Int32Array(k);
  let iterations = 0;
  for (; iterations < maxIter;) {
    const changed = assignNearest(rows, centroids, k, labels, best);
    iterations++;
    if (changed === 0 && iterations > 1) break;
    sums.fill(0);
    sizes.fill(0);
    for (let i = 0; i < n; i++) {
      const j = labels[i] as number;
      sizes[j] = (sizes[j] as number) + 1;
      const base = j * dim;
      const xi = i * dim;
      for (let d = 0; d < dim; d++) sums[base + d] = (sums[base + d] as number) + (data[xi + d] as number);
    }
    // Empty clusters take the rows farthest from their centroids (scikit-learn's repair).
    const empty: number[] = [];
    for (let j = 0; j < k; j++) if (sizes[j] === 0) empty.push(j);
    if (empty.length > 0) {
      const far = Array.from(best.keys()).sort((a, b) => (best[b] as number) - (best[a] as number));
      let next = 0;
      for (const j of empty) {
        let i = far[next++] as number;
        while ((sizes[labels[i] as number] as number) <= 1) i = far[next++] as number;
        const from = labels[i] as number;
        sizes[from] = (sizes[from] as number) - 1;
        for (let d = 0; d < dim; d++)
          sums[from * dim + d] = (sums[from * dim + d] as number) - (data[i * dim + d] as number);
        labels[i] = j;
        sizes[j] = 1;
        for (let d = 0; d < dim; d++) sums[j * dim + d] = data[i * dim + d] as number;
        best[i] = 0;
      }
    }
    const updated = new Float32Array(k * dim);
    let shift = 0;
    for (let j = 0; j < k; j++) {
      const size = sizes[j] as number;
      for (let d = 0; d < dim; d++) {
        const v = (sums[j * dim + d] as number) / size;
        updated[j * dim + d] = v;
        const diff = v - (centroids[j * dim + d] as number);
        shift += diff * diff;
      }
    }
    centroids = updated;
    if (shift <= tolAbs) {
      assignNearest(rows, centroids, k, labels, best); // labels of the final centroids
      break;
    }
  }
  // Exact inertia (direct differences): the norm expansion used for assignment loses digits to cancellation.
  let inertia = 0;
  sizes.fill(0);
  for (let i = 0; i < n; i++) {
    const j = labels[i] as number;
    inertia += squaredDistance(data, i, centroids, j, dim);
    sizes[j] = (sizes[j] as number) + 1;
  }
  return { labels, centroids, inertia, iterations, sizes: Int32Array.from(sizes) };
}

/** {@link KMeansOptions} validated, with defaults, tol made absolute; `threads` aside. */
interface KMeansSettings extends Omit<RunSettings, 'rng'> {
  readonly seed: number;
  readonly nInit: number;
}

/** Validates the matrix and options of a k-means (messages name `fn`) and fills in defaults. */
function resolveSettings(fn: string, matrix: EmbeddingMatrix, options: KMeansOptions): KMeansSettings {
  validateMatrix(fn, 'matrix', matrix);
  const { rows: n, cols: dim, data } = matrix;
  assert(
    typeof options === 'object' && options !== null,
    () => `${fn}: options must be an object with k; got ${describe(options)}`,
    TypeError,
  );
  const { k } = options;
  assertInteger(fn, 'options.k', k, { min: 1, max: n });
  const o = withDefaults({ ...DEFAULT_KMEANS_OPTIONS, localTrials: 2 + Math.floor(Math.log(k)) }, options);
  assertInteger(fn, 'options.seed', o.seed, { min: 0, max: MAX_SEED });
  assertInteger(fn, 'options.maxIter', o.maxIter, { min: 1 });
  assertInteger(fn, 'options.nInit', o.nInit, { min: 1 });
  assertInteger(fn, 'options.localTrials', o.localTrials, { min: 1 });
  assert(
    typeof o.tol === 'number' && o.tol >= 0 && Number.isFinite(o.tol),
    () => `${fn}: options.tol must be a finite number >= 0; got ${describe(o.tol)}`,
    RangeError,
  );
  const tolAbs = o.tol * meanVariance(data, n, dim);
  return { k, seed: o.seed, maxIter: o.maxIter, nInit: o.nInit, localTrials: o.localTrials, tolAbs };
}

/** The best of `nInit` runs on an engine of `context`. */
function bestOfRuns(context: DotContext, matrix: EmbeddingMatrix, settings: KMeansSettings): KMeansResult {
  const rows = prepareRows(context, matrix.data, matrix.rows, matrix.cols);
  const rng = Rng.fromSeed(settings.seed);
  let bestRun: KMeansResult | undefined;
  for (let r = 0; r < settings.nInit; r++) {
    const result = run(rows, { ...settings, rng: rng.fork() });
    if (bestRun === undefined || result.inertia < bestRun.inertia) bestRun = result;
  }
  return bestRun as KMeansResult;
}

/**
 * k-means on the engines of `context` (see {@link kmeans}); the context's thread count applies and
 * `options.threads` is not read. For callers that run several clusterings as one job (the clustered
 * allocator, equal-size k-means, product quantization), so that worker threads start once.
 *
 * @param fn - the public function, for messages
 * @throws as {@link kmeans}
 */
export function kmeansIn(
  context: DotContext,
  matrix: EmbeddingMatrix,
  options: KMeansOptions,
  fn = 'kmeans',
): KMeansResult {
  return bestOfRuns(context, matrix, resolveSettings(fn, matrix, options));
}

/**
 * k-means: greedy k-means++ seeding, Lloyd iterations with squared distances computed as
 * ‖x‖² − 2x·c + ‖c‖² in blocks, an iteration cap and scikit-learn's tolerance rule, `nInit` restarts
 * and empty-cluster repair. Deterministic for a seed, and the same for any `threads`.
 *
 * @param matrix - n × dim data (finite values)
 * @throws TypeError / RangeError naming the argument: k < 1, k > n, non-finite data, bad options
 *   (e.g. `kmeans: options.threads must be an integer >= 1; got 0`)
 * @example
 * ```ts
 * const { labels, centroids, inertia } = kmeans(embeddings, { k: 100, seed: 1, threads: 2 });
 * ```
 */
export function kmeans(matrix: EmbeddingMatrix, options: KMeansOptions): KMeansResult {
  const fn = 'kmeans';
  const settings = resolveSettings(fn, matrix, options);
  const context = DotContext.create({ threads: resolveThreads(fn, options.threads) });
  try {
    return bestOfRuns(context, matrix, settings);
  } finally {
    context.dispose();
  }
}
