import { assertInteger, describe } from '@ksub/core';

/**
 * Splits an embedding size d into k near-equal table widths that sum to d: the first d mod k
 * tables get one extra column (512, 3 → 171, 171, 170), matching the paper's parameter counts.
 *
 * @param dim - d, the embedding size, ≥ 1
 * @param numTables - k, the number of tables, 1 ≤ k ≤ d (every table needs at least one column)
 * @throws RangeError when an argument is not a positive integer or k > d
 * @example
 * ```ts
 * splitWidth(512, 3); // [171, 171, 170]
 * ```
 */
export function splitWidth(dim: number, numTables: number): number[] {
  assertInteger('splitWidth', 'd', dim, { min: 1 });
  assertInteger('splitWidth', 'k', numTables, { min: 1 });
  if (numTables > dim) {
    throw new RangeError(
      `splitWidth: k must be <= d = ${dim} (each table needs a column); got ${describe(numTables)}`,
    );
  }
  const base = Math.floor(dim / numTables);
  const extra = dim % numTables;
  return Array.from({ length: numTables }, (_, j) => base + (j < extra ? 1 : 0));
}
