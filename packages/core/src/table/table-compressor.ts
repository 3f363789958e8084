import type { EmbeddingMatrix } from '../embedding-matrix';
import type { TableFactors } from './table-factors';

/** What a {@link TableCompressor} is asked for: the most bytes its factors may take. */
export interface TableBudget {
  /** Bytes of the stored factors (float32 values plus codes), at most; e.g. 4·N·d / ratio. */
  readonly bytes: number;
  /** Seed of any randomness (k-means initialisation, AutoEncoder init); default 1. */
  readonly seed?: number;
}

/** What a {@link TableCompressor} returns. */
export interface CompressedTable {
  /** The compressor's name (`svd`, `pq`, …). */
  readonly method: string;
  /** The sizes it chose for the budget, for reports (e.g. `{ rank: 12 }`, `{ k: 4, m: 256 }`). */
  readonly settings: Readonly<Record<string, number | string>>;
  /** The stored factors; `reconstructTable(factors)` is the compressed table. */
  readonly factors: TableFactors;
}

/**
 * A post-hoc compressor of a token table: given the trained N × d table and a byte budget, returns
 * factors that take at most that many bytes. The seam that SVD, the AutoEncoders, post-hoc k-sub
 * and product quantisation implement; add your own and run it through the same evaluation.
 *
 * @example
 * ```ts
 * const { factors } = await svdTable.compress(table, { bytes: (4 * table.rows * table.cols) / 10 });
 * const approx = reconstructTable(factors);
 * ```
 */
export interface TableCompressor {
  /** Name used in reports and on the command line. */
  readonly method: string;
  /**
   * Compresses `table` to at most `budget.bytes` (as {@link factorBytes} counts them).
   * @throws RangeError naming `budget.bytes` when no setting of the method fits it
   */
  compress(table: EmbeddingMatrix, budget: TableBudget): Promise<CompressedTable>;
}
