import { assert, assertInteger, describe } from './assert';

/**
 * How a vocabulary of `numTokens` tokens is spread over `numTables` small shared tables: token
 * n's embedding is the concatenation of row `codes[n * numTables + j]` of table j, for
 * j = 0..numTables−1. Table j has `rows[j]` rows of width `widths[j]`; the widths sum to the
 * model's embedding size d. This is the seam between allocators (index-mapping, clustering) and
 * embedding layers.
 */
export interface Allocation {
  /** N, the vocabulary size. */
  readonly numTokens: number;
  /** k, the number of sub-embedding tables. */
  readonly numTables: number;
  /** Row count of each table, length k (tables may differ: a clustered last level grows). */
  readonly rows: readonly number[];
  /** Width of each table's rows, length k, summing to the embedding size d. */
  readonly widths: readonly number[];
  /** N·k row indices, token-major: `codes[n * k + j]` is token n's row in table j. */
  readonly codes: Int32Array;
  /** Name of the allocator that made it (e.g. `radix`). */
  readonly method: string;
  /** Seed of a random method, when one was used. */
  readonly seed?: number | undefined;
  /** Method-specific facts worth keeping with the codes (options, counts), JSON-serialisable. */
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
}

/** The embedding size d an allocation produces: the sum of its table widths. */
export function allocationDim(allocation: Allocation): number {
  return allocation.widths.reduce((a, b) => a + b, 0);
}

/**
 * Checks that an allocation is internally consistent: k tables described by `rows` and `widths`,
 * N·k codes, every code within its table. Returns the allocation so it can wrap a constructor.
 *
 * @param allocation - the allocation to check
 * @param fn - the public function on whose behalf it checks, named in error messages
 * @throws RangeError or TypeError naming the first inconsistent field and its value
 * @example
 * ```ts
 * validateAllocation({ numTokens: 2, numTables: 1, rows: [2], widths: [4],
 *   codes: Int32Array.of(0, 1), method: 'manual' });
 * ```
 */
export function validateAllocation(allocation: Allocation, fn = 'validateAllocation'): Allocation {
  const { numTokens, numTables, rows, widths, codes, method } = allocation;
  assertInteger(fn, 'allocation.numTokens', numTokens, { min: 1 });
  assertInteger(fn, 'allocation.numTables', numTables, { min: 1 });
  assert(
    typeof method === 'string' && method.length > 0,
    () => `${fn}: allocation.method must be a non-empty string; got ${describe(method)}`,
    TypeError,
  );
  assert(
    Array.isArray(rows) && rows.length === numTables,
    () => `${fn}: allocation.rows must be an array of ${numTables} row counts; got ${describe(rows)}`,
    TypeError,
  );
  assert(
    Array.isArray(widths) && widths.length === numTables,
    () => `${fn}: allocation.widths must be an array of ${numTables} widths; got ${describe(widths)}`,
    TypeError,
  );
  rows.forEach((r, j) => assertInteger(fn, `allocation.rows[${j}]`, r, { min: 1 }));
  widths.forEach((w, j) => assertInteger(fn, `allocation.widths[${j}]`, w, { min: 1 }));
  assert(
    codes instanceof Int32Array,
    () => `${fn}: allocation.codes must be an Int32Array; got ${describe(codes)}`,
    TypeError,
  );
  assert(
    codes.length === numTokens * numTables,
    () =>
      `${fn}: allocation.codes must hold numTokens·numTables = ${numTokens * numTables} entries; got ${codes.length}`,
    RangeError,
  );
  for (let i = 0; i < codes.length; i++) {
    const j = i % numTables;
    const code = codes[i] as number;
    const limit = rows[j] as number;
    if (code < 0 || code >= limit) {
      const n = (i - j) / numTables;
      throw new RangeError(
        `${fn}: allocation.codes for token ${n}, table ${j} must be in [0, ${limit}); got ${code}`,
      );
    }
  }
  return allocation;
}
