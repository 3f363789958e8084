import { type Allocation, assertInteger, Rng, validateAllocation } from '@ksub/core';

/**
 * Requirement 1, measured: the number of tokens whose k-tuple of rows is shared with at least one
 * other token. Zero means every token has a unique embedding.
 *
 * @example
 * ```ts
 * countCollisions(allocation); // 0 for any allocation a conforming allocator returns
 * ```
 */
export function countCollisions(allocation: Allocation): number {
  validateAllocation(allocation, 'countCollisions');
  const { numTokens: n, numTables: k, rows, codes } = allocation;
  let capacity = 1;
  for (const r of rows) capacity *= r;
  let keys: Float64Array | string[];
  if (capacity <= Number.MAX_SAFE_INTEGER) {
    // Mixed-radix number of the tuple: exact, and sorts fast as a typed array.
    const numeric = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      let key = 0;
      for (let j = k - 1; j >= 0; j--) key = key * (rows[j] as number) + (codes[t * k + j] as number);
      numeric[t] = key;
    }
    keys = numeric.sort();
  } else {
    keys = Array.from({ length: n }, (_, t) => codes.subarray(t * k, (t + 1) * k).join(',')).sort();
  }
  let collisions = 0;
  let run = 1;
  for (let i = 1; i <= n; i++) {
    if (i < n && keys[i] === keys[i - 1]) {
      run++;
    } else {
      if (run > 1) collisions += run;
      run = 1;
    }
  }
  return collisions;
}

/**
 * Embedding parameters of a k-sub-embedding built from the allocation: Σ_j rows[j] · widths[j].
 *
 * @example
 * ```ts
 * embeddingParams(radix3); // 37 · 512 = 18944 for N = 50265, k = 3, d = 512
 * ```
 */
export function embeddingParams(allocation: Allocation): number {
  let total = 0;
  for (let j = 0; j < allocation.numTables; j++)
    total += (allocation.rows[j] as number) * (allocation.widths[j] as number);
  return total;
}

/** Options of {@link sharingProfile}. */
export interface SharingProfileOptions {
  /** Number of random token pairs to sample (default 10000). */
  readonly pairs?: number;
  /** Seed of the pair sampler (default 0). */
  readonly seed?: number;
}

/** How many rows sampled token pairs share. */
export interface SharingProfile {
  /** `histogram[s]` = number of sampled pairs sharing exactly s of their k rows (length k + 1). */
  readonly histogram: number[];
  /** Mean number of shared rows per pair. */
  readonly mean: number;
  /** Number of pairs sampled. */
  readonly pairs: number;
}

/**
 * Samples random pairs of distinct tokens and counts how many of the k tables give both the same
 * row: the baseline against which requirement 2 (similar tokens share more) is judged.
 *
 * @throws RangeError when `pairs` is not a positive integer or the vocabulary has one token
 * @example
 * ```ts
 * sharingProfile(allocation, { pairs: 1000, seed: 1 }).mean; // ≈ Σ_j 1/rows[j] for radix
 * ```
 */
export function sharingProfile(allocation: Allocation, options: SharingProfileOptions = {}): SharingProfile {
  validateAllocation(allocation, 'sharingProfile');
  const pairs = options.pairs ?? 10000;
  assertInteger('sharingProfile', 'options.pairs', pairs, { min: 1 });
  const { numTokens: n, numTables: k, codes } = allocation;
  assertInteger('sharingProfile', 'allocation.numTokens', n, { min: 2 });
  const rng = Rng.fromSeed(options.seed ?? 0);
  const histogram = new Array<number>(k + 1).fill(0);
  let total = 0;
  for (let p = 0; p < pairs; p++) {
    const a = rng.nextInt(n);
    let b = rng.nextInt(n - 1);
    if (b >= a) b++;
    let shared = 0;
    for (let j = 0; j < k; j++) if (codes[a * k + j] === codes[b * k + j]) shared++;
    histogram[shared] = (histogram[shared] as number) + 1;
    total += shared;
  }
  return { histogram, mean: total / pairs, pairs };
}
