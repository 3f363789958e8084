import {
  type Allocation,
  assert,
  createEmbeddingMatrix,
  describe,
  type EmbeddingMatrix,
  Rng,
  validateAllocation,
} from '@ksub/core';
import { type AllocationRequest, type Allocator, minimalRows, normalizeRequest } from '@ksub/index-mapping';
import { DotContext } from './dot-engine';
import { equalSizeKmeansIn } from './equal-size-kmeans';
import { kmeansIn } from './kmeans';
import { resolveThreads } from './resolve-threads';

/** Method options of the `clustered` allocator (`request.options`). */
export interface ClusteredOptions {
  /** `naive` (k-means, clusters of any size) or `equal` (equal-size k-means). Default `naive`. */
  readonly variant?: 'naive' | 'equal';
  /** Lloyd iteration cap of each k-means (default 300; equal-size: refinement rounds, default 100). */
  readonly maxIter?: number;
  /**
   * 1 for tokens with a pretrained vector, 0 for tokens without (e.g. a GloVe-aligned vocabulary);
   * default: all covered. Uncovered tokens are spread over each level's clusters in a seeded
   * round-robin and counted in the allocation's metadata.
   */
  readonly covered?: Uint8Array;
  /**
   * Threads that share the k-means dot products, the calling one included, an integer ≥ 1
   * (default: `KSUB_THREADS`, else every core; 1 in a browser). Workers start once per allocation.
   * The allocation is bit for bit the same for any count.
   */
  readonly threads?: number;
}

function gather(matrix: EmbeddingMatrix, ids: readonly number[]): EmbeddingMatrix {
  const { cols, data } = matrix;
  const out = new Float32Array(ids.length * cols);
  ids.forEach((id, r) => out.set(data.subarray(id * cols, (id + 1) * cols), r * cols));
  return createEmbeddingMatrix(ids.length, cols, out);
}

/**
 * Algorithm 2 of the k-sub-embedding paper ("clustered k-sub-embedding"): tokens close in a
 * pretrained embedding space share rows. Level 1 clusters all tokens into M groups (k-means, or
 * equal-size k-means); level j (1 < j < k) clusters each group of tokens sharing the first j−1
 * codes into M; the last level gives each token of a group its own row. The last table therefore
 * has max(M, largest final group) rows — with naive k-means a group can exceed M and the table
 * grows, which is how the paper's Table 3 counts arise (naive M = 100: 100 + 100 + 409 rows). A group
 * of at most M covered tokens needs no clustering: each token gets its own code. Special tokens get
 * rows of their own in every table, as in the radix allocator.
 *
 * Request fields used: numTokens, numTables, dim, seed, rows (M, one number; default
 * `minimalRows(N, k)`), widths, specialTokens, embeddings (required, N rows), options
 * ({@link ClusteredOptions}), onProgress (tokens clustered, (k − 1)·N in all). Registered as `clustered` when `@ksub/clustering` is imported.
 * The allocation does not depend on `options.threads`.
 *
 * @example
 * ```ts
 * const allocation = await getAllocator('clustered').allocate({
 *   numTokens: 50265, numTables: 3, dim: 512, rows: 100, embeddings, options: { variant: 'equal' },
 * });
 * ```
 */
export class ClusteredAllocator implements Allocator {
  readonly name = 'clustered';
  readonly randomized = true;
  readonly requiresEmbeddings = true;
  readonly optionKeys = [
    'variant',
    'maxIter',
    'covered',
    'threads',
  ] as const satisfies readonly (keyof ClusteredOptions)[];

  allocate(request: AllocationRequest): Promise<Allocation> {
    return allocateClustered(this, request);
  }
}

/**
 * {@link ClusteredAllocator.allocate}, with every k-means on the engines of `context` when one is
 * given (its thread count applies; `options.threads` is validated, not used; tests hand in one
 * whose workers are ready), else of a context of its own, disposed at the end.
 *
 * @throws as {@link ClusteredAllocator.allocate} (it rejects)
 */
export async function allocateClustered(
  allocator: ClusteredAllocator,
  request: AllocationRequest,
  context?: DotContext,
): Promise<Allocation> {
  const fn = 'clustered.allocate';
  const normalized = normalizeRequest(request, fn, allocator.optionKeys);
  const { numTokens: n, numTables: k, widths, specialTokens, seed } = normalized;
  const embeddings = request.embeddings;
  assert(
    embeddings !== undefined,
    () => `${fn}: embeddings are required (a pretrained N × D matrix); got undefined`,
    TypeError,
  );
  const opts = (request.options ?? {}) as ClusteredOptions;
  const variant = opts.variant ?? 'naive';
  assert(
    variant === 'naive' || variant === 'equal',
    () => `${fn}: options.variant must be "naive" or "equal"; got ${describe(variant)}`,
    RangeError,
  );
  const given = request.rows;
  assert(
    given === undefined || typeof given === 'number',
    () => `${fn}: rows must be one number M (the last table grows as needed); got ${describe(given)}`,
    TypeError,
  );
  const ordinary: number[] = [];
  const isSpecial = new Uint8Array(n);
  for (const s of specialTokens) isSpecial[s] = 1;
  for (let t = 0; t < n; t++) if (isSpecial[t] === 0) ordinary.push(t);
  const m = normalized.rows?.[0] ?? minimalRows(Math.max(ordinary.length, 1), k);
  const covered = opts.covered;
  assert(
    covered === undefined || (covered instanceof Uint8Array && covered.length === n),
    () => `${fn}: options.covered must be a Uint8Array of numTokens = ${n} flags; got ${describe(covered)}`,
    TypeError,
  );
  const rng = Rng.fromSeed(seed);
  const codes = new Int32Array(n * k);
  let groups: number[][] = ordinary.length > 0 ? [ordinary] : [];
  let uncovered = 0;
  for (const t of ordinary) if (covered !== undefined && covered[t] === 0) uncovered++;

  const threads = resolveThreads(fn, opts.threads);
  // one context for every k-means of the allocation, so its workers start once
  const own = context === undefined ? DotContext.create({ threads }) : undefined;
  const engines = context ?? (own as DotContext);
  try {
    const total = (k - 1) * ordinary.length;
    let done = 0;
    for (let level = 0; level < k - 1; level++) {
      const next: number[][] = [];
      for (const group of groups) {
        const withVector = covered === undefined ? group : group.filter((t) => covered[t] === 1);
        const without = covered === undefined ? [] : group.filter((t) => covered[t] === 0);
        const label = new Map<number, number>();
        if (withVector.length <= m) {
          withVector.forEach((t, i) => label.set(t, i));
        } else {
          const sub = gather(embeddings, withVector);
          const clusterOptions = {
            k: m,
            seed: rng.nextUint32(),
            ...(opts.maxIter === undefined ? {} : { maxIter: opts.maxIter }),
          };
          const result =
            variant === 'equal'
              ? equalSizeKmeansIn(engines, sub, clusterOptions, fn)
              : kmeansIn(engines, sub, clusterOptions, fn);
          withVector.forEach((t, i) => label.set(t, result.labels[i] as number));
        }
        rng.shuffle(without).forEach((t, i) => label.set(t, i % m));
        const buckets = new Map<number, number[]>();
        for (const t of group) {
          const c = label.get(t) as number;
          codes[t * k + level] = c;
          const bucket = buckets.get(c) ?? [];
          bucket.push(t);
          buckets.set(c, bucket);
        }
        for (const c of [...buckets.keys()].sort((a, b) => a - b)) next.push(buckets.get(c) as number[]);
        done += group.length;
        request.onProgress?.({ done, total, unit: 'tokens' });
      }
      groups = next;
    }
  } finally {
    own?.dispose();
  }
  let largest = 0;
  for (const group of groups) {
    group.forEach((t, i) => (codes[t * k + k - 1] = i));
    largest = Math.max(largest, group.length);
  }
  const baseRows = Array.from({ length: k }, (_, j) => (j === k - 1 ? Math.max(m, largest) : m));
  specialTokens.forEach((id, i) => {
    for (let j = 0; j < k; j++) codes[id * k + j] = (baseRows[j] as number) + i;
  });
  return validateAllocation(
    {
      numTokens: n,
      numTables: k,
      rows: baseRows.map((r) => r + specialTokens.length),
      widths,
      codes,
      method: allocator.name,
      seed,
      metadata: { variant, clusters: m, largestGroup: largest, uncovered, specialTokens },
    },
    fn,
  );
}
