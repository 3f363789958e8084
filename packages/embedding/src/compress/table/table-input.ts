import {
  assert,
  assertInteger,
  describe,
  type EmbeddingMatrix,
  MAX_SEED,
  type TableBudget,
  validateMatrix,
} from '@ksub/core';

/**
 * Checks what a table compressor's `compress` receives — a finite N × d table and a budget whose
 * `bytes` is a positive number and whose `seed`, when given, is an unsigned 32-bit integer — and
 * returns the seed (default 1, as `TableBudget` documents).
 *
 * @param fn - the public function named in errors (e.g. `svdTable.compress`)
 * @param table - the table to compress
 * @param budget - the budget
 * @throws TypeError for a malformed table or budget; RangeError for non-finite values, a
 *   non-positive `budget.bytes` or a bad `budget.seed`, naming the argument and its value
 * @example
 * ```ts
 * const seed = checkTableInput('svdTable.compress', table, { bytes: 4096 }); // 1
 * ```
 */
export function checkTableInput(fn: string, table: EmbeddingMatrix, budget: TableBudget): number {
  validateMatrix(fn, 'table', table);
  assert(
    typeof budget === 'object' && budget !== null,
    () => `${fn}: budget must be an object { bytes, seed? }; got ${describe(budget)}`,
    TypeError,
  );
  const { bytes } = budget;
  assert(
    typeof bytes === 'number',
    () => `${fn}: budget.bytes must be a number; got ${describe(bytes)}`,
    TypeError,
  );
  assert(
    Number.isFinite(bytes) && bytes > 0,
    () => `${fn}: budget.bytes must be a positive finite number; got ${describe(bytes)}`,
    RangeError,
  );
  const seed = budget.seed ?? 1;
  assertInteger(fn, 'budget.seed', seed, { min: 0, max: MAX_SEED });
  return seed;
}
