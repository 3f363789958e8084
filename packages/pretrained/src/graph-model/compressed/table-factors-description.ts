/** Element type of one stored factor array: floats as float32, codes as uint8 or uint16. */
export type FactorArrayDtype = 'float32' | 'uint8' | 'uint16';

/**
 * Where one array of the factors lies in the encoded buffer, and what it is. Values are
 * little-endian; `byteLength` is the element count (the product of `shape`) times the dtype's
 * width.
 *
 * @example
 * ```ts
 * const a: FactorArrayDescription = { name: 'a', dtype: 'float32', shape: [8002, 8], byteOffset: 0, byteLength: 256_064 };
 * ```
 */
export interface FactorArrayDescription {
  /** `a`, `b`, `bias` (low rank); `tables[j]`, `codes` (sub-tables). */
  readonly name: string;
  /** Stored element type. */
  readonly dtype: FactorArrayDtype;
  /** Shape, row-major: `a` [rows, rank], `b` [rank, cols], `bias` [cols], `tables[j]` [sizes[j], widths[j]], `codes` [rows, k]. */
  readonly shape: readonly number[];
  /** First byte in the buffer (a multiple of 4). */
  readonly byteOffset: number;
  /** Number of bytes. */
  readonly byteLength: number;
}

/**
 * The JSON half of encoded low-rank factors (E ≈ A·B + bias); see {@link encodeTableFactors}.
 *
 * @example
 * ```ts
 * const d = encodeTableFactors(lowRank).description as LowRankDescription; // d.rank: 8
 * ```
 */
export interface LowRankDescription {
  readonly kind: 'low-rank';
  /** Rows of the table, N. */
  readonly rows: number;
  /** Columns of the table, d. */
  readonly cols: number;
  /** Inner size r. */
  readonly rank: number;
  /** Bytes of the whole buffer. */
  readonly byteLength: number;
  /** `a`, `b` and, when present, `bias`, in that order. */
  readonly arrays: readonly FactorArrayDescription[];
}

/**
 * The JSON half of encoded sub-table factors; see {@link encodeTableFactors}.
 *
 * @example
 * ```ts
 * const d = encodeTableFactors(subTables).description as SubTablesDescription; // d.k: 2
 * ```
 */
export interface SubTablesDescription {
  readonly kind: 'sub-tables';
  /** Rows of the table, N. */
  readonly rows: number;
  /** Columns of the table, d: the sum of `widths`. */
  readonly cols: number;
  /** Number of sub-tables. */
  readonly k: number;
  /** Columns of each sub-table. */
  readonly widths: readonly number[];
  /** Rows of each sub-table. */
  readonly sizes: readonly number[];
  /** Bytes of the whole buffer. */
  readonly byteLength: number;
  /** `tables[0]` … `tables[k-1]`, then `codes`. */
  readonly arrays: readonly FactorArrayDescription[];
}

/**
 * What {@link encodeTableFactors} writes beside the bytes, and {@link decodeTableFactors} needs
 * to read them back: the kind, the shapes, and the dtype and byte range of every array. Plain
 * JSON.
 *
 * @example
 * ```ts
 * const { description, bytes } = encodeTableFactors(factors);
 * JSON.stringify(description); // {"kind":"low-rank","rows":8002,...}
 * ```
 */
export type TableFactorsDescription = LowRankDescription | SubTablesDescription;

/**
 * Bytes per element of each stored dtype.
 *
 * @example
 * ```ts
 * FACTOR_DTYPE_BYTES.uint16; // 2
 * ```
 */
export const FACTOR_DTYPE_BYTES: Readonly<Record<FactorArrayDtype, number>> = {
  float32: 4,
  uint8: 1,
  uint16: 2,
};

/**
 * An array's name, dtype and shape, before it is placed in the buffer.
 *
 * @example
 * ```ts
 * const codes: FactorArrayLayout = { name: 'codes', dtype: 'uint8', shape: [8002, 2] };
 * ```
 */
export interface FactorArrayLayout {
  readonly name: string;
  readonly dtype: FactorArrayDtype;
  readonly shape: readonly number[];
}

/**
 * The arrays that factors of this shape store, in buffer order: the one layout the encoder
 * writes and the decoder expects.
 *
 * @param codes - dtype of the codes (sub-tables only)
 * @example
 * ```ts
 * factorArrayLayout({ kind: 'low-rank', rows: 4, cols: 3, rank: 2, bias: false });
 * // [{ name: 'a', dtype: 'float32', shape: [4, 2] }, { name: 'b', dtype: 'float32', shape: [2, 3] }]
 * ```
 */
export function factorArrayLayout(
  shape:
    | { kind: 'low-rank'; rows: number; cols: number; rank: number; bias: boolean }
    | {
        kind: 'sub-tables';
        rows: number;
        widths: readonly number[];
        sizes: readonly number[];
        codes: 'uint8' | 'uint16';
      },
): FactorArrayLayout[] {
  if (shape.kind === 'low-rank') {
    const { rows, cols, rank, bias } = shape;
    const arrays: FactorArrayLayout[] = [
      { name: 'a', dtype: 'float32', shape: [rows, rank] },
      { name: 'b', dtype: 'float32', shape: [rank, cols] },
    ];
    if (bias) arrays.push({ name: 'bias', dtype: 'float32', shape: [cols] });
    return arrays;
  }
  const { rows, widths, sizes, codes } = shape;
  return [
    ...widths.map((w, j): FactorArrayLayout => ({
      name: `tables[${j}]`,
      dtype: 'float32',
      shape: [sizes[j] as number, w],
    })),
    { name: 'codes', dtype: codes, shape: [rows, widths.length] },
  ];
}

/**
 * Rounds a byte offset up to a multiple of 4, where every array starts.
 *
 * @example
 * ```ts
 * alignTo4(13); // 16
 * ```
 */
export const alignTo4 = (n: number): number => Math.ceil(n / 4) * 4;
