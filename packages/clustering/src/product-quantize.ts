import {
  assert,
  assertInteger,
  codeArrayFor,
  createEmbeddingMatrix,
  describe,
  type EmbeddingMatrix,
  MAX_SEED,
  Rng,
  type SubTableFactors,
  validateMatrix,
  withDefaults,
} from '@ksub/core';
import { splitWidth } from '@ksub/index-mapping';
import { DotContext } from './dot-engine';
import { kmeansIn } from './kmeans';
import { resolveThreads } from './resolve-threads';

/** Options of {@link productQuantize}. */
export interface ProductQuantizeOptions {
  /** Column blocks (sub-tables), 1 ≤ k ≤ cols; blocks are ⌊d/k⌋ or ⌈d/k⌉ wide (`splitWidth`). */
  readonly k: number;
  /** Centroids per block (rows of each sub-table), 1 ≤ m ≤ min(rows, 65,536). */
  readonly m: number;
  /** Seed, an integer in [0, 2³² − 1]; block j's k-means gets its own seed drawn from it (default 1). */
  readonly seed?: number;
  /** Lloyd iterations per block and run, ≥ 1 (default 300, as `kmeans`). */
  readonly maxIter?: number;
  /** k-means restarts per block, ≥ 1; the lowest inertia wins (default 1). */
  readonly nInit?: number;
  /**
   * Threads that share the k-means dot products, the calling one included, an integer ≥ 1
   * (default: `KSUB_THREADS`, else every core; 1 in a browser). Results are the same for any count.
   */
  readonly threads?: number;
}

/** Defaults of {@link ProductQuantizeOptions}, merged once in {@link productQuantize}. */
export const DEFAULT_PRODUCT_QUANTIZE_OPTIONS: Readonly<
  Required<Pick<ProductQuantizeOptions, 'seed' | 'maxIter' | 'nInit'>>
> = Object.freeze({ seed: 1, maxIter: 300, nInit: 1 });

/** Columns [offset, offset + width) of every row, as a contiguous rows × width matrix. */
function columnBlock(table: EmbeddingMatrix, offset: number, width: number): EmbeddingMatrix {
  const { rows, cols, data } = table;
  const out = new Float32Array(rows * width);
  for (let i = 0; i < rows; i++)
    out.set(data.subarray(i * cols + offset, i * cols + offset + width), i * width);
  return createEmbeddingMatrix(rows, width, out);
}

/**
 * Renumbers one block's centroids by first use, scanning tokens in order (token 0 gets code 0, the
 * next new centroid code 1, …; centroids no token uses go last), so the factors do not depend on
 * k-means's arbitrary cluster numbering. Writes the codes of block `j` into `codes`.
 */
function renumber(
  labels: Int32Array,
  centroids: Float32Array,
  width: number,
  m: number,
  codes: Uint8Array | Uint16Array,
  k: number,
  j: number,
): Float32Array {
  const code = new Int32Array(m).fill(-1);
  let next = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (code[label] === -1) code[label] = next++;
    codes[i * k + j] = code[label] as number;
  }
  for (let c = 0; c < m; c++) if (code[c] === -1) code[c] = next++;
  const table = new Float32Array(m * width);
  for (let c = 0; c < m; c++)
    table.set(centroids.subarray(c * width, (c + 1) * width), (code[c] as number) * width);
  return table;
}

/**
 * Product quantisation of a token table (Jégou, Douze & Schmid 2011): the columns are split into
 * k blocks, each block's N rows are clustered independently by k-means into m centroids, and a
 * token stores one centroid index per block. The result is {@link SubTableFactors} — sub-table j
 * holds block j's centroids, `codes[i·k + j]` token i's centroid in block j — so
 * `reconstructTable` rebuilds the quantised table. Codes are numbered by first use (token 0 has
 * code 0 in every block). A block with fewer than m distinct rows still gets m centroids: k-means
 * repairs its empty clusters with duplicate rows, so some centroids coincide and may go unused.
 * Deterministic for a seed.
 *
 * Cost: k runs of k-means on N × d/k data, O(nInit · maxIter · N · m · d) in all.
 *
 * @param table - the N × d table (finite values)
 * @param options - k, m and the k-means settings
 * @throws TypeError naming `table` or `options` when malformed; RangeError naming the option
 *   (`options.k` outside [1, d], `options.m` outside [1, min(N, 65,536)], bad seed, maxIter, nInit,
 *   threads)
 *   or a non-finite value of `table`
 * @example
 * ```ts
 * const factors = productQuantize(table, { k: 8, m: 256, seed: 1 });
 * const approx = reconstructTable(factors); // every row rebuilt from 8 centroids
 * ```
 */
export function productQuantize(table: EmbeddingMatrix, options: ProductQuantizeOptions): SubTableFactors {
  const fn = 'productQuantize';
  validateMatrix(fn, 'table', table);
  assert(
    typeof options === 'object' && options !== null,
    () => `${fn}: options must be an object with k and m; got ${describe(options)}`,
    TypeError,
  );
  const { rows, cols } = table;
  const o = withDefaults(DEFAULT_PRODUCT_QUANTIZE_OPTIONS, options);
  assertInteger(fn, 'options.k', o.k, { min: 1, max: cols });
  assertInteger(fn, 'options.m', o.m, { min: 1, max: Math.min(rows, 65_536) });
  assertInteger(fn, 'options.seed', o.seed, { min: 0, max: MAX_SEED });
  assertInteger(fn, 'options.maxIter', o.maxIter, { min: 1 });
  assertInteger(fn, 'options.nInit', o.nInit, { min: 1 });
  const threads = resolveThreads(fn, o.threads);
  const { k, m } = o;
  const widths = splitWidth(cols, k);
  const codes = codeArrayFor(m, rows * k);
  const tables: Float32Array[] = [];
  const rng = Rng.fromSeed(o.seed);
  // one context for the k blocks, so its workers start once
  const context = DotContext.create({ threads });
  try {
    let offset = 0;
    for (let j = 0; j < k; j++) {
      const width = widths[j] as number;
      const seed = rng.nextUint32(); // drawn in block order, so block j's seed depends only on (seed, j)
      const blockOptions = { k: m, seed, maxIter: o.maxIter, nInit: o.nInit };
      const { labels, centroids } = kmeansIn(context, columnBlock(table, offset, width), blockOptions, fn);
      tables.push(renumber(labels, centroids, width, m, codes, k, j));
      offset += width;
    }
  } finally {
    context.dispose();
  }
  return { kind: 'sub-tables', rows, k, widths, sizes: widths.map(() => m), tables, codes };
}
