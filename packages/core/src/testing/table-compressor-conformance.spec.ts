import type { TableCompressor } from '../table/table-compressor';
import { lowRankFor } from '../table/table-budget';
import { describeTableCompressorConformance } from './table-compressor-conformance';

/**
 * A deliberately naive compressor that satisfies the seam: keep the first r columns
 * (A = E[:, :r], B = [I_r | 0]), r from the same budget rule as SVD. The error shrinks as r grows.
 */
const firstColumns: TableCompressor = {
  method: 'first-columns',
  async compress(table, budget) {
    const { rows, cols, data } = table;
    const rank = lowRankFor(rows, cols, budget.bytes, false);
    const a = new Float32Array(rows * rank);
    for (let i = 0; i < rows; i++) a.set(data.subarray(i * cols, i * cols + rank), i * rank);
    const b = new Float32Array(rank * cols);
    for (let t = 0; t < rank; t++) b[t * cols + t] = 1;
    return {
      method: 'first-columns',
      settings: { rank },
      factors: { kind: 'low-rank', rows, cols, rank, a, b },
    };
  },
};

describeTableCompressorConformance('first-columns', () => firstColumns);

describeTableCompressorConformance('first-columns on another shape', () => firstColumns, {
  rows: 50,
  cols: 10,
  ratios: [5, 3],
  tolerance: 0,
});
