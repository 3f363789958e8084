import {
  type Allocation,
  assertInteger,
  assert,
  describe,
  type EmbeddingMatrix,
  Rng,
  validateAllocation,
  validateMatrix,
} from '@ksub/core';
import { rowSquaredNorms } from './squared-distances';

/** Options of {@link neighbourSharing}. */
export interface NeighbourSharingOptions {
  /** Nearest neighbours per query token (default 10). */
  readonly neighbours?: number;
  /** Query tokens sampled (default 500; exact neighbours cost queries × N × D). */
  readonly queries?: number;
  /** Seed of the query and random-partner samples (default 0). */
  readonly seed?: number;
  /** Tokens to leave out as queries and neighbours (e.g. those without a pretrained vector). */
  readonly exclude?: Uint8Array;
}

/** Requirement 2, measured. */
export interface NeighbourSharing {
  /** Mean number of rows (of k) a token shares with each of its nearest neighbours. */
  readonly neighbours: number;
  /** Mean number of rows a token shares with a random other token. */
  readonly random: number;
  /** neighbours / random (Infinity when random is 0). */
  readonly ratio: number;
  /** Query tokens used. */
  readonly queries: number;
}

function shared(codes: Int32Array, k: number, a: number, b: number): number {
  let s = 0;
  for (let j = 0; j < k; j++) if (codes[a * k + j] === codes[b * k + j]) s++;
  return s;
}

/**
 * Requirement 2 of the k-sub-embedding paper, measured: do tokens close in a pretrained space share
 * more rows than arbitrary pairs? For sampled query tokens, the exact `neighbours` nearest tokens
 * (Euclidean, the metric Algorithm 2 clusters with) are found by brute force, and the mean number
 * of shared rows with them is compared with that of as many random partners.
 *
 * @throws RangeError / TypeError naming the argument for mismatched sizes or bad options
 * @example
 * ```ts
 * neighbourSharing(clustered, glove, { neighbours: 10 }); // { neighbours: 1.2, random: 0.03, ratio: 40, … }
 * ```
 */
export function neighbourSharing(
  allocation: Allocation,
  embeddings: EmbeddingMatrix,
  options: NeighbourSharingOptions = {},
): NeighbourSharing {
  const fn = 'neighbourSharing';
  validateAllocation(allocation, fn);
  validateMatrix(fn, 'embeddings', embeddings);
  const { numTokens: n, numTables: k, codes } = allocation;
  assert(
    embeddings.rows === n,
    () => `${fn}: embeddings must have numTokens = ${n} rows; got ${embeddings.rows}`,
    RangeError,
  );
  const neighbours = options.neighbours ?? 10;
  const exclude = options.exclude;
  assert(
    exclude === undefined || (exclude instanceof Uint8Array && exclude.length === n),
    () => `${fn}: options.exclude must be a Uint8Array of ${n} flags; got ${describe(exclude)}`,
    TypeError,
  );
  const pool: number[] = [];
  for (let t = 0; t < n; t++) if (exclude === undefined || exclude[t] === 0) pool.push(t);
  assertInteger(fn, 'options.neighbours', neighbours, { min: 1, max: Math.max(1, pool.length - 1) });
  const queries = Math.min(options.queries ?? 500, pool.length);
  assertInteger(fn, 'options.queries', queries, { min: 1 });
  const rng = Rng.fromSeed(options.seed ?? 0);
  const { data, cols: dim } = embeddings;
  const norms = rowSquaredNorms(data, n, dim);
  const picked = rng.shuffle([...pool]).slice(0, queries);
  let nearSum = 0;
  let randomSum = 0;
  const bestD = new Float64Array(neighbours);
  const bestT = new Int32Array(neighbours);
  for (const q of picked) {
    bestD.fill(Infinity);
    bestT.fill(-1);
    const qi = q * dim;
    for (const t of pool) {
      if (t === q) continue;
      let dot = 0;
      const ti = t * dim;
      for (let d = 0; d < dim; d++) dot += (data[qi + d] as number) * (data[ti + d] as number);
      const dist = (norms[t] as number) - 2 * dot; // ‖q‖² is the same for every candidate
      if (dist < (bestD[neighbours - 1] as number)) {
        let at = neighbours - 1;
        while (at > 0 && (bestD[at - 1] as number) > dist) {
          bestD[at] = bestD[at - 1] as number;
          bestT[at] = bestT[at - 1] as number;
          at--;
        }
        bestD[at] = dist;
        bestT[at] = t;
      }
    }
    for (let i = 0; i < neighbours; i++) {
      nearSum += shared(codes, k, q, bestT[i] as number);
      let other = pool[rng.nextInt(pool.length)] as number;
      while (other === q) other = pool[rng.nextInt(pool.length)] as number;
      randomSum += shared(codes, k, q, other);
    }
  }
  const near = nearSum / (queries * neighbours);
  const random = randomSum / (queries * neighbours);
  return { neighbours: near, random, ratio: random === 0 ? Infinity : near / random, queries };
}
