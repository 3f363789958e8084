import { assertInteger, describe } from '../assert';
import { createEmbeddingMatrix, type EmbeddingMatrix } from '../embedding-matrix';

/**
 * A token table stored as two factors: E ≈ A·B (+ bias on every row). What truncated SVD, a
 * linear AutoEncoder's codes and decoder, or an ALBERT-style factorized embedding store.
 */
export interface LowRankFactors {
  readonly kind: 'low-rank';
  /** Rows of the table (tokens), N. */
  readonly rows: number;
  /** Columns of the table, d. */
  readonly cols: number;
  /** Inner size r. */
  readonly rank: number;
  /** N × r, row-major. */
  readonly a: Float32Array;
  /** r × d, row-major. */
  readonly b: Float32Array;
  /** d values added to every row, or `undefined`. */
  readonly bias?: Float32Array;
}

/**
 * A token table stored as k small sub-tables and a code per token and sub-table: row i is the
 * concatenation of `tables[j]` row `codes[i·k + j]` over j — a k-sub-embedding (radix or clustered
 * allocation) or a product quantisation of the rows (one codebook per column block).
 */
export interface SubTableFactors {
  readonly kind: 'sub-tables';
  /** Rows of the table (tokens), N. */
  readonly rows: number;
  /** Number of sub-tables, k. */
  readonly k: number;
  /** Columns of sub-table j; they sum to the table's columns. */
  readonly widths: readonly number[];
  /** Rows of sub-table j (M_j). */
  readonly sizes: readonly number[];
  /** M_j × widths[j] values per sub-table, row-major. */
  readonly tables: readonly Float32Array[];
  /** N·k codes, token-major; Uint8Array when every M_j ≤ 256, else Uint16Array (M_j ≤ 65,536). */
  readonly codes: Uint8Array | Uint16Array;
}

/** A compressed token table: the factors a compressor stores, from which the table is rebuilt. */
export type TableFactors = LowRankFactors | SubTableFactors;

/**
 * The smallest code array that holds codes < `maxSize`: Uint8Array up to 256 rows, else Uint16Array.
 *
 * @param maxSize - rows of the largest sub-table, 1 ≤ maxSize ≤ 65,536
 * @param length - number of codes (N·k)
 * @throws RangeError naming `maxSize` or `length` when out of range
 * @example
 * ```ts
 * codeArrayFor(256, 6); // Uint8Array(6)
 * codeArrayFor(257, 6); // Uint16Array(6)
 * ```
 */
export function codeArrayFor(maxSize: number, length: number): Uint8Array | Uint16Array {
  assertInteger('codeArrayFor', 'maxSize', maxSize, { min: 1, max: 65_536 });
  assertInteger('codeArrayFor', 'length', length, { min: 0 });
  return maxSize <= 256 ? new Uint8Array(length) : new Uint16Array(length);
}

/**
 * Floats the factors store (A, B and bias; or the sub-tables). Codes are not parameters: see
 * {@link factorBytes}.
 *
 * @example
 * ```ts
 * factorParameters({ kind: 'low-rank', rows: 2, cols: 2, rank: 1,
 *   a: Float32Array.of(1, 2), b: Float32Array.of(3, 4) }); // 4
 * ```
 */
export function factorParameters(factors: TableFactors): number {
  if (factors.kind === 'low-rank') return factors.a.length + factors.b.length + (factors.bias?.length ?? 0);
  return factors.tables.reduce((sum, t) => sum + t.length, 0);
}

/**
 * Bytes the factors take stored as float32 values and 1- or 2-byte codes (what a
 * `TableBudget` bounds).
 *
 * @example
 * ```ts
 * // 3 tokens, k = 2 sub-tables of 2 rows × 1 column: 4·4 floats + 6 one-byte codes
 * factorBytes({ kind: 'sub-tables', rows: 3, k: 2, widths: [1, 1], sizes: [2, 2],
 *   tables: [Float32Array.of(0, 1), Float32Array.of(2, 3)], codes: Uint8Array.of(0, 0, 1, 0, 1, 1) }); // 22
 * ```
 */
export function factorBytes(factors: TableFactors): number {
  const floats = 4 * factorParameters(factors);
  return factors.kind === 'low-rank' ? floats : floats + factors.codes.byteLength;
}

/**
 * Checks that the factors are consistent (shapes, lengths, array types, codes in range).
 *
 * @param fn - the caller, named in the error
 * @param factors - the factors to check
 * @throws RangeError naming the inconsistent field and its value (a code out of range names its
 *   token and sub-table); TypeError when an array has the wrong type
 * @example
 * ```ts
 * validateTableFactors('load', { kind: 'sub-tables', rows: 1, k: 1, widths: [2], sizes: [1],
 *   tables: [Float32Array.of(1, 2)], codes: Uint8Array.of(1) });
 * // RangeError: load: factors.codes: token 0, sub-table 0 must be in [0, 1); got 1
 * ```
 */
export function validateTableFactors(fn: string, factors: TableFactors): void {
  const fail = (what: string, ErrorType: new (message: string) => Error = RangeError): never => {
    throw new ErrorType(`${fn}: ${what}`);
  };
  const floats = (name: string, value: unknown) => {
    if (!(value instanceof Float32Array))
      fail(`${name} must be a Float32Array; got ${describe(value)}`, TypeError);
  };
  if (typeof factors !== 'object' || factors === null)
    fail(`factors must be an object; got ${describe(factors)}`, TypeError);
  if (factors.kind === 'low-rank') {
    const { rows, cols, rank, a, b, bias } = factors;
    assertInteger(fn, 'factors.rows', rows, { min: 1 });
    assertInteger(fn, 'factors.cols', cols, { min: 1 });
    assertInteger(fn, 'factors.rank', rank, { min: 1 });
    floats('factors.a', a);
    floats('factors.b', b);
    if (bias !== undefined) floats('factors.bias', bias);
    if (a.length !== rows * rank)
      fail(`factors.a must hold rows·rank = ${rows * rank} values; got ${a.length}`);
    if (b.length !== rank * cols)
      fail(`factors.b must hold rank·cols = ${rank * cols} values; got ${b.length}`);
    if (bias !== undefined && bias.length !== cols)
      fail(`factors.bias must hold cols = ${cols} values; got ${bias.length}`);
    return;
  }
  if (factors.kind !== 'sub-tables')
    fail(
      `factors.kind must be 'low-rank' or 'sub-tables'; got ${describe((factors as { kind: unknown }).kind)}`,
    );
  const { rows, k, widths, sizes, tables, codes } = factors;
  assertInteger(fn, 'factors.rows', rows, { min: 1 });
  assertInteger(fn, 'factors.k', k, { min: 1 });
  if (widths.length !== k || sizes.length !== k || tables.length !== k)
    fail(
      `factors.widths, sizes and tables must each have k = ${k} entries; got ${widths.length}, ${sizes.length}, ${tables.length}`,
    );
  for (let j = 0; j < k; j++) {
    assertInteger(fn, `factors.widths[${j}]`, widths[j], { min: 1 });
    assertInteger(fn, `factors.sizes[${j}]`, sizes[j], { min: 1 });
    floats(`factors.tables[${j}]`, tables[j]);
    const want = (sizes[j] as number) * (widths[j] as number);
    if ((tables[j] as Float32Array).length !== want)
      fail(
        `factors.tables[${j}] must hold sizes[${j}]·widths[${j}] = ${want} values; got ${(tables[j] as Float32Array).length}`,
      );
  }
  if (!(codes instanceof Uint8Array || codes instanceof Uint16Array))
    fail(`factors.codes must be a Uint8Array or Uint16Array; got ${describe(codes)}`, TypeError);
  if (codes.length !== rows * k)
    fail(`factors.codes must hold rows·k = ${rows * k} codes; got ${codes.length}`);
  for (let i = 0; i < codes.length; i++) {
    const j = i % k;
    if ((codes[i] as number) >= (sizes[j] as number))
      fail(
        `factors.codes: token ${Math.floor(i / k)}, sub-table ${j} must be in [0, ${sizes[j]}); got ${codes[i]}`,
      );
  }
}

/**
 * Rebuilds the N × d table the factors stand for.
 *
 * @example
 * ```ts
 * const table = reconstructTable({ kind: 'low-rank', rows: 2, cols: 2, rank: 1,
 *   a: Float32Array.of(1, 2), b: Float32Array.of(3, 4) }); // [[3, 4], [6, 8]]
 * ```
 * @throws what {@link validateTableFactors} throws for inconsistent factors
 */
export function reconstructTable(factors: TableFactors): EmbeddingMatrix {
  validateTableFactors('reconstructTable', factors);
  if (factors.kind === 'low-rank') {
    const { rows, cols, rank, a, b, bias } = factors;
    const out = new Float32Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row = out.subarray(i * cols, (i + 1) * cols);
      if (bias) row.set(bias);
      for (let t = 0; t < rank; t++) {
        const s = a[i * rank + t] as number;
        if (s === 0) continue;
        const bRow = t * cols;
        for (let c = 0; c < cols; c++) row[c] = (row[c] as number) + s * (b[bRow + c] as number);
      }
    }
    return createEmbeddingMatrix(rows, cols, out);
  }
  const { rows, k, widths, tables, codes } = factors;
  const cols = widths.reduce((s, w) => s + w, 0);
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let offset = i * cols;
    for (let j = 0; j < k; j++) {
      const w = widths[j] as number;
      const code = codes[i * k + j] as number;
      out.set((tables[j] as Float32Array).subarray(code * w, (code + 1) * w), offset);
      offset += w;
    }
  }
  return createEmbeddingMatrix(rows, cols, out);
}
