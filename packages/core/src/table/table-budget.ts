import { assert, assertInteger, describe } from '../assert';

function assertBytes(fn: string, bytes: unknown): asserts bytes is number {
  assert(typeof bytes === 'number', () => `${fn}: bytes must be a number; got ${describe(bytes)}`, TypeError);
  assert(
    Number.isFinite(bytes) && bytes > 0,
    () => `${fn}: bytes must be a positive finite number; got ${describe(bytes)}`,
    RangeError,
  );
}

/**
 * The largest inner size r of a low-rank table (N·r + r·d floats, plus d for a bias) whose float32
 * values fit `bytes`.
 *
 * @param rows - N
 * @param cols - d
 * @param bytes - the budget in bytes
 * @param bias - whether a d-vector bias is stored too
 * @param fn - the public function named in errors (a compressor passes its own name)
 * @returns r, at most min(N, d) (a larger rank never helps)
 * @throws RangeError naming `bytes` when not even r = 1 fits (or is not a positive number)
 * @example
 * ```ts
 * lowRankFor(8002, 256, (4 * 8002 * 256) / 10, false); // 24
 * ```
 */
export function lowRankFor(
  rows: number,
  cols: number,
  bytes: number,
  bias: boolean,
  fn = 'lowRankFor',
): number {
  assertInteger(fn, 'rows', rows, { min: 1 });
  assertInteger(fn, 'cols', cols, { min: 1 });
  assertBytes(fn, bytes);
  const rank = Math.floor((bytes / 4 - (bias ? cols : 0)) / (rows + cols));
  assert(
    rank >= 1,
    () => `${fn}: bytes = ${bytes} cannot hold a rank-1 factorisation of ${rows} × ${cols}`,
    RangeError,
  );
  return Math.min(rank, Math.min(rows, cols));
}

/** The sub-table shape {@link subTableShape} chooses. */
export interface SubTableShape {
  /** Number of sub-tables. */
  readonly k: number;
  /** Rows of every sub-table. */
  readonly m: number;
  /** Bytes: 4·m·d floats plus N·k codes of 1 byte (m ≤ 256) or 2. */
  readonly bytes: number;
}

/** Options of {@link subTableShape}. */
export interface SubTableShapeOptions {
  /** Fewest sub-tables (default min(2, d)). */
  readonly minK?: number;
  /** Most sub-tables (default min(d, 8): the k-sub paper's range). */
  readonly maxK?: number;
  /** Only shapes with m^k ≥ N, so every token can get a code of its own (default false). */
  readonly unique?: boolean;
  /**
   * Which fitting shape wins: `code-bits` (default) the most code bits per token, k·log₂ m — the
   * product quantiser's rule; `fewest-tables` the smallest k (then the largest m) — k-sub's, whose
   * allocations use about N^(1/k) rows of each table, so extra tables with few rows used are waste.
   */
  readonly prefer?: 'code-bits' | 'fewest-tables';
  /** The public function named in errors (default `subTableShape`; a compressor passes its own name). */
  readonly caller?: string;
}

/**
 * The k sub-tables of m rows (each d/k wide, m·d floats in all) and N·k codes that fit `bytes`
 * and carry the most code bits per token, k·log₂ m (ties: the smaller k) — or, with
 * `prefer: 'fewest-tables'`, have the fewest tables and then the most rows. With `unique`, only
 * shapes with m^k ≥ N — enough codes for every token to get its own (radix allocations need it).
 * One rule for every sub-table method (k-sub radix, k-sub clustered, product quantisation), so at a
 * given budget they differ only in how tokens are assigned to rows.
 *
 * @param rows - N
 * @param cols - d
 * @param bytes - the budget in bytes
 * @param options - `minK`, `maxK`, `unique`, `caller`: see {@link SubTableShapeOptions}
 * @throws RangeError naming `bytes` when no shape fits (or is not a positive number); RangeError
 *   naming `options.minK` / `options.maxK` outside [1, d] or out of order
 * @example
 * ```ts
 * subTableShape(8002, 256, (4 * 8002 * 256) / 100); // { k: 8, m: 17, bytes: 81_424 }
 * ```
 */
export function subTableShape(
  rows: number,
  cols: number,
  bytes: number,
  options: SubTableShapeOptions = {},
): SubTableShape {
  const fn = options.caller ?? 'subTableShape';
  assertInteger(fn, 'rows', rows, { min: 1 });
  assertInteger(fn, 'cols', cols, { min: 1 });
  assertBytes(fn, bytes);
  const minK = options.minK ?? Math.min(2, cols);
  const maxK = options.maxK ?? Math.min(cols, 8);
  assertInteger(fn, 'options.minK', minK, { min: 1, max: cols });
  assertInteger(fn, 'options.maxK', maxK, { min: minK, max: cols });
  let best: SubTableShape | undefined;
  let bestBits = -Infinity;
  for (let k = minK; k <= maxK; k++) {
    for (const codeBytes of [1, 2]) {
      const cap = codeBytes === 1 ? 256 : 65_536;
      const m = Math.min(cap, Math.floor((bytes - rows * k * codeBytes) / (4 * cols)));
      if (m < 2 || (codeBytes === 2 && m <= 256)) continue;
      if (options.unique && m ** k < rows) continue;
      const bits =
        options.prefer === 'fewest-tables' ? (best === undefined || best.k === k ? m : -1) : k * Math.log2(m);
      if (bits > bestBits + 1e-12) {
        bestBits = bits;
        best = { k, m, bytes: 4 * m * cols + rows * k * codeBytes };
      }
    }
  }
  assert(
    best !== undefined,
    () =>
      `${fn}: bytes = ${bytes} holds no ${minK}–${maxK} sub-tables of ≥ 2 rows for ${rows} × ${cols}${options.unique ? ' with a code per token' : ''}`,
    RangeError,
  );
  return best;
}
