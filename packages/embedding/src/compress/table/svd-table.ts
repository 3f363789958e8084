import type { TableCompressor } from '@ksub/core';
import { svdCompress } from '../svd-compress';
import { compressionRank } from './compression-rank';
import { factorizedToFactors } from './low-rank-factors';
import { checkTableInput } from './table-input';

/**
 * Truncated SVD as a {@link TableCompressor} (method `svd`): the best rank-r approximation in
 * Frobenius norm (Eckart–Young, via {@link svdCompress}), stored as A = U_rΣ_r (N × r) and
 * B = V_rᵀ (r × d) with r the largest rank whose N·r + r·d floats fit the budget (below
 * min(N, d)). Deterministic: `budget.seed` is not used. Needs an initialised TensorFlow.js backend.
 *
 * @example
 * ```ts
 * const { factors, settings } = await svdTable.compress(table, { bytes: (4 * table.rows * table.cols) / 10 });
 * settings.rank; // e.g. 24 for an 8002 × 256 table
 * ```
 * @throws RangeError naming `bytes` when not even rank 1 fits (see `TableCompressor.compress`)
 */
export const svdTable: TableCompressor = Object.freeze<TableCompressor>({
  method: 'svd',
  async compress(table, budget) {
    const fn = 'svdTable.compress';
    checkTableInput(fn, table, budget);
    const rank = compressionRank(fn, table.rows, table.cols, budget.bytes, false);
    const { embedding } = svdCompress(table, rank);
    try {
      return { method: 'svd', settings: { rank }, factors: factorizedToFactors(embedding) };
    } finally {
      embedding.dispose();
    }
  },
});
