import {
  assert,
  assertInteger,
  type CompressedTable,
  describe,
  type EmbeddingMatrix,
  MAX_SEED,
  subTableShape,
  type TableBudget,
  type TableCompressor,
  validateMatrix,
} from '@ksub/core';
import { productQuantize } from './product-quantize';

/** Options of {@link pqTable}: the k-means settings of every block. */
export interface PqTableOptions {
  /** Lloyd iterations per block and run, ≥ 1 (default: {@link productQuantize}'s). */
  readonly maxIter?: number;
  /** k-means restarts per block, ≥ 1 (default: {@link productQuantize}'s). */
  readonly nInit?: number;
}

/**
 * Product quantisation as a post-hoc {@link TableCompressor} (method `pq`). At a budget it takes
 * the sub-table shape every sub-table method shares, `subTableShape(N, d, bytes)` (codes need not
 * be unique; k from 2 to min(d, 8)), with m capped at N (a block cannot have more distinct
 * centroids than rows), and runs {@link productQuantize} with `budget.seed` (default 1). Settings
 * reported: `{ k, m }`.
 *
 * @param options - k-means settings; validated here
 * @throws RangeError naming the option when `maxIter` or `nInit` is not a positive integer
 * @example
 * ```ts
 * const { settings, factors } = await pqTable().compress(table, { bytes: (4 * table.rows * table.cols) / 10 });
 * // settings: { k: 8, m: 256 } for an 8002 × 256 table; reconstructTable(factors) is the quantised table
 * ```
 */
export function pqTable(options: PqTableOptions = {}): TableCompressor {
  const fn = 'pqTable';
  assert(
    typeof options === 'object' && options !== null,
    () => `${fn}: options must be an object; got ${describe(options)}`,
    TypeError,
  );
  const { maxIter, nInit } = options;
  if (maxIter !== undefined) assertInteger(fn, 'options.maxIter', maxIter, { min: 1 });
  if (nInit !== undefined) assertInteger(fn, 'options.nInit', nInit, { min: 1 });
  return {
    method: 'pq',
    async compress(table: EmbeddingMatrix, budget: TableBudget): Promise<CompressedTable> {
      const where = 'pqTable.compress';
      validateMatrix(where, 'table', table);
      assert(
        typeof budget === 'object' && budget !== null,
        () => `${where}: budget must be an object with bytes; got ${describe(budget)}`,
        TypeError,
      );
      const { bytes } = budget;
      assert(
        typeof bytes === 'number' && Number.isFinite(bytes) && bytes > 0,
        () => `${where}: budget.bytes must be a positive number; got ${describe(bytes)}`,
        RangeError,
      );
      const seed = budget.seed ?? 1;
      assertInteger(where, 'budget.seed', seed, { min: 0, max: MAX_SEED });
      const { rows, cols } = table;
      let shape;
      try {
        shape = subTableShape(rows, cols, bytes, { minK: Math.min(2, cols) });
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        throw new RangeError(
          `${where}: budget.bytes = ${bytes} fits no product quantiser of ${rows} × ${cols} (${error.message})`,
        );
      }
      const k = shape.k;
      const m = Math.min(shape.m, rows);
      const factors = productQuantize(table, { k, m, seed, maxIter, nInit });
      return { method: 'pq', settings: { k, m }, factors };
    },
  };
}
