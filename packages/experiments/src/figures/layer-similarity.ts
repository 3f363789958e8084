import { assert, assertInteger, Rng } from '@ksub/core';

/** Options of {@link interIntraSimilarity}. */
export interface SimilarityOptions {
  /** Random pairs of different-type tokens averaged for S_inter (default 20,000). */
  readonly interPairs?: number;
  /** Pairs of occurrences averaged per token type for S_intra (default 20; all pairs when there are fewer). */
  readonly intraPairsPerType?: number;
  /** Seed of the pair sampling (default 1). */
  readonly seed?: number;
}

/** Mean cosines of one layer's hidden states. */
export interface LayerSimilarity {
  /** S_inter = E_{i≠j} cos(h_i, h_j) over tokens of different types. */
  readonly inter: number;
  /** S_intra = E_type E_{j1≠j2} cos(h_{j1}, h_{j2}) over occurrences of the same type. */
  readonly intra: number;
  /** Token types with two or more occurrences (those S_intra averages over). */
  readonly repeatedTypes: number;
}

function cosine(data: Float32Array, dim: number, a: number, b: number): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let c = 0; c < dim; c++) {
    const x = data[a * dim + c] as number;
    const y = data[b * dim + c] as number;
    dot += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa > 0 && bb > 0 ? dot / Math.sqrt(aa * bb) : 0;
}

/**
 * Inter- and intra-similarity of hidden states (Fig. 3 of the k-sub paper, after Cai et al. 2021):
 * `states` holds one row of width `dim` per token occurrence and `ids` its token type. S_inter is
 * the mean cosine over random pairs of occurrences of different types; S_intra the mean over types
 * (those occurring at least twice) of the mean cosine between pairs of their occurrences. Values
 * near 1 mean the states sit in a narrow cone (anisotropy). Pairs are sampled from `seed`.
 *
 * @example
 * ```ts
 * const { inter, intra } = interIntraSimilarity(layerStates, 128, tokenIds);
 * ```
 *
 * @throws RangeError when `states` is not `ids.length` rows of `dim`, or fewer than two types occur.
 */
export function interIntraSimilarity(
  states: Float32Array,
  dim: number,
  ids: Int32Array,
  options: SimilarityOptions = {},
): LayerSimilarity {
  const fn = 'interIntraSimilarity';
  assertInteger(fn, 'dim', dim, { min: 1 });
  assert(
    states.length === ids.length * dim,
    () => `${fn}: states must hold ids.length · dim = ${ids.length * dim} values; got ${states.length}`,
    RangeError,
  );
  const interPairs = options.interPairs ?? 20_000;
  const perType = options.intraPairsPerType ?? 20;
  assertInteger(fn, 'options.interPairs', interPairs, { min: 1 });
  assertInteger(fn, 'options.intraPairsPerType', perType, { min: 1 });
  const rng = Rng.fromSeed(options.seed ?? 1);
  const n = ids.length;
  const byType = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = byType.get(ids[i] as number) ?? [];
    list.push(i);
    byType.set(ids[i] as number, list);
  }
  assert(
    byType.size >= 2,
    () => `${fn}: ids must hold at least two token types; got ${byType.size}`,
    RangeError,
  );
  let interSum = 0;
  let drawn = 0;
  while (drawn < interPairs) {
    const a = rng.nextInt(n);
    const b = rng.nextInt(n);
    if (ids[a] === ids[b]) continue;
    interSum += cosine(states, dim, a, b);
    drawn++;
  }
  let intraSum = 0;
  let types = 0;
  for (const occurrences of byType.values()) {
    const m = occurrences.length;
    if (m < 2) continue;
    let sum = 0;
    let pairs = 0;
    if ((m * (m - 1)) / 2 <= perType) {
      // few occurrences: every pair, exactly
      for (let a = 0; a < m; a++)
        for (let b = a + 1; b < m; b++, pairs++)
          sum += cosine(states, dim, occurrences[a] as number, occurrences[b] as number);
    } else {
      for (; pairs < perType; pairs++) {
        const a = rng.nextInt(m);
        let b = rng.nextInt(m - 1);
        if (b >= a) b++;
        sum += cosine(states, dim, occurrences[a] as number, occurrences[b] as number);
      }
    }
    intraSum += sum / pairs;
    types++;
  }
  return {
    inter: interSum / interPairs,
    intra: types === 0 ? Number.NaN : intraSum / types,
    repeatedTypes: types,
  };
}
