/**
 * A binary sparse matrix in compressed-row form: row `i`'s non-zero columns (each value 1) are
 * `cols[rowPtr[i]] … cols[rowPtr[i + 1] - 1]`, ascending and distinct.
 *
 * @example
 * ```ts
 * // rows {0, 2} and {1}
 * const x: SparseRows = { rowPtr: Int32Array.of(0, 2, 3), cols: Int32Array.of(0, 2, 1), numCols: 3 };
 * ```
 */
export interface SparseRows {
  /** Length rows + 1; `rowPtr[0]` is 0 and the last entry is `cols.length`. */
  readonly rowPtr: Int32Array;
  readonly cols: Int32Array;
  readonly numCols: number;
}

/** Number of rows of a {@link SparseRows}. */
export const sparseRowCount = (x: SparseRows): number => x.rowPtr.length - 1;
