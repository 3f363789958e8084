import { assert, lowRankFor } from '@ksub/core';

/**
 * The inner size a low-rank compressor of an N × d table uses for `bytes`: `lowRankFor`'s rank,
 * below min(N, d) (a full-rank factorisation would store more than the table).
 *
 * @param fn - the public function named in errors
 * @param rows - N
 * @param cols - d
 * @param bytes - the budget in bytes
 * @param bias - whether a d-vector bias is stored too
 * @throws RangeError naming `bytes` when not even rank 1 fits, or when the table has no rank
 *   below min(N, d) (a single row or column)
 * @example
 * ```ts
 * compressionRank('svdTable.compress', 10, 6, 1e9, false); // 5, not lowRankFor's 6
 * ```
 */
export function compressionRank(
  fn: string,
  rows: number,
  cols: number,
  bytes: number,
  bias: boolean,
): number {
  const rank = Math.min(lowRankFor(rows, cols, bytes, bias, fn), Math.min(rows, cols) - 1);
  assert(
    rank >= 1,
    () => `${fn}: a ${rows} × ${cols} table has no rank below min(N, d) to compress to at bytes = ${bytes}`,
    RangeError,
  );
  return rank;
}
