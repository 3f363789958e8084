import { type Allocation, validateAllocation } from '@ksub/core';
import type { NormalizedRequest } from '../normalize-request';
import { resolveRows } from '../normalize-request';

/**
 * Algorithm 1's kernel: ordinary token number p (tokens in id order, special tokens skipped)
 * gets the mixed-radix digits of `order[p]` (or of p itself when `order` is null), least
 * significant digit in table 0: f_j = ⌊x / (rows_0 ⋯ rows_{j−1})⌋ mod rows_j. Distinct values
 * give distinct digit tuples, so uniqueness holds by construction. Special token number i gets
 * row `rows_j + i` in every table, a row nobody else uses.
 *
 * @param request - a normalized request (trusted)
 * @param order - a permutation of 0..N'−1 (N' = ordinary tokens), or null for identity
 * @param method - the allocator name stored in the result
 * @param fn - the public function name used in messages
 */
export function digitCodes(
  request: NormalizedRequest,
  order: Int32Array | null,
  method: string,
  fn: string,
): Allocation {
  const { numTokens, numTables, widths, specialTokens, seed } = request;
  const ordinaryCount = numTokens - specialTokens.length;
  const baseRows =
    ordinaryCount === 0 && request.rows === undefined
      ? new Array<number>(numTables).fill(0)
      : resolveRows(ordinaryCount, numTables, request.rows, fn);
  const codes = new Int32Array(numTokens * numTables);
  const isSpecial = new Uint8Array(numTokens);
  specialTokens.forEach((id, i) => {
    isSpecial[id] = 1;
    for (let j = 0; j < numTables; j++) codes[id * numTables + j] = (baseRows[j] as number) + i;
  });
  let p = 0;
  for (let token = 0; token < numTokens; token++) {
    if (isSpecial[token] === 1) continue;
    let x = order === null ? p : (order[p] as number);
    p++;
    const base = token * numTables;
    for (let j = 0; j < numTables; j++) {
      const r = baseRows[j] as number;
      codes[base + j] = x % r;
      x = Math.floor(x / r);
    }
  }
  const rows = baseRows.map((r) => r + specialTokens.length);
  return validateAllocation(
    {
      numTokens,
      numTables,
      rows,
      widths,
      codes,
      method,
      seed,
      metadata: { specialTokens, ordinaryRows: baseRows },
    },
    fn,
  );
}
