import { assert, assertInteger, describe, MAX_SEED } from '@ksub/core';
import type { AllocationRequest } from './allocator';
import { minimalRows } from './minimal-rows';
import { splitWidth } from './split-width';

/** A request with defaults filled in and every field checked; what allocator kernels trust. */
export interface NormalizedRequest {
  readonly numTokens: number;
  readonly numTables: number;
  readonly dim: number;
  readonly seed: number;
  readonly widths: number[];
  /** Sorted, distinct special-token ids. */
  readonly specialTokens: number[];
  /** Rows per table for the ordinary (non-special) tokens, when the caller fixed them. */
  readonly rows: number[] | undefined;
}

/**
 * Validates an {@link AllocationRequest} at an allocator's public boundary and fills defaults.
 * Every message names the function, the argument and its value.
 *
 * @param request - the caller's request
 * @param fn - the public function name used in messages (e.g. `radix.allocate`)
 * @param optionKeys - keys of `request.options` the allocator reads; any other key is a RangeError
 * @example
 * ```ts
 * normalizeRequest({ numTokens: 10, numTables: 2, dim: 4 }, 'radix.allocate').widths; // [2, 2]
 * ```
 */
export function normalizeRequest(
  request: AllocationRequest,
  fn: string,
  optionKeys: readonly string[] = [],
): NormalizedRequest {
  assert(
    typeof request === 'object' && request !== null,
    () => `${fn}: request must be an object; got ${describe(request)}`,
    TypeError,
  );
  const options = request.options ?? {};
  assert(
    typeof options === 'object' && options !== null && !Array.isArray(options),
    () => `${fn}: options must be an object; got ${describe(options)}`,
    TypeError,
  );
  for (const [key, value] of Object.entries(options))
    assert(
      optionKeys.includes(key),
      () =>
        `${fn}: options.${key} is not an option of this allocator (it takes ${optionKeys.length === 0 ? 'none' : optionKeys.join(', ')}); got ${describe(value)}`,
      RangeError,
    );
  const { numTokens, numTables, dim } = request;
  assertInteger(fn, 'numTokens', numTokens, { min: 1 });
  assertInteger(fn, 'numTables', numTables, { min: 1 });
  assertInteger(fn, 'dim', dim, { min: 1 });
  assert(
    numTables <= dim,
    () => `${fn}: numTables must be <= dim = ${dim}; got ${describe(numTables)}`,
    RangeError,
  );
  const seed = request.seed ?? 0;
  assertInteger(fn, 'seed', seed, { min: 0, max: MAX_SEED });

  let widths: number[];
  if (request.widths === undefined) {
    widths = splitWidth(dim, numTables);
  } else {
    const given = request.widths;
    assert(
      Array.isArray(given) && given.length === numTables,
      () => `${fn}: widths must be an array of ${numTables} integers; got ${describe(given)}`,
      TypeError,
    );
    given.forEach((w, j) => assertInteger(fn, `widths[${j}]`, w, { min: 1 }));
    const sum = given.reduce((a, b) => a + b, 0);
    assert(
      sum === dim,
      () => `${fn}: widths must sum to dim = ${dim}; got ${describe(given)} (sum ${sum})`,
      RangeError,
    );
    widths = [...given];
  }

  const specials = request.specialTokens ?? [];
  assert(
    Array.isArray(specials),
    () => `${fn}: specialTokens must be an array of token ids; got ${describe(specials)}`,
    TypeError,
  );
  specials.forEach((id, i) => assertInteger(fn, `specialTokens[${i}]`, id, { min: 0, max: numTokens - 1 }));
  const specialTokens = [...new Set(specials)].sort((a, b) => a - b);
  assert(
    specialTokens.length === specials.length,
    () => `${fn}: specialTokens must not repeat an id; got ${describe(specials)}`,
    RangeError,
  );

  let rows: number[] | undefined;
  if (request.rows !== undefined) {
    const given = request.rows;
    const list = typeof given === 'number' ? Array.from({ length: numTables }, () => given) : given;
    assert(
      Array.isArray(list) && list.length === numTables,
      () => `${fn}: rows must be a number or an array of ${numTables} numbers; got ${describe(given)}`,
      TypeError,
    );
    list.forEach((r, j) =>
      assertInteger(fn, typeof given === 'number' ? 'rows' : `rows[${j}]`, r, { min: 1 }),
    );
    rows = [...list];
  }

  if (request.embeddings !== undefined) {
    const e = request.embeddings;
    assert(
      typeof e === 'object' &&
        e !== null &&
        e.data instanceof Float32Array &&
        e.data.length === e.rows * e.cols,
      () =>
        `${fn}: embeddings must be an EmbeddingMatrix (rows, cols, Float32Array data); got ${describe(e)}`,
      TypeError,
    );
    assert(
      e.rows === numTokens,
      () => `${fn}: embeddings must have numTokens = ${numTokens} rows; got ${e.rows}`,
      RangeError,
    );
  }

  return { numTokens, numTables, dim, seed, widths, specialTokens, rows };
}

/**
 * Rows per table for `count` ordinary tokens: the caller's `rows` when given (rejected when their
 * product is below `count`), else `minimalRows(count, k)` in every table.
 *
 * @example
 * ```ts
 * resolveRows(50265, 3, undefined, 'radix.allocate'); // [37, 37, 37]
 * ```
 */
export function resolveRows(
  count: number,
  numTables: number,
  rows: readonly number[] | undefined,
  fn: string,
): number[] {
  if (rows === undefined) {
    const m = minimalRows(Math.max(count, 1), numTables);
    return Array.from({ length: numTables }, () => m);
  }
  let capacity = 1;
  for (const r of rows) capacity = Math.min(capacity * r, Number.MAX_SAFE_INTEGER);
  assert(
    capacity >= count,
    () =>
      `${fn}: rows must give at least ${count} distinct tuples (product of rows >= tokens to place); got ${describe(rows)} (product ${capacity})`,
    RangeError,
  );
  return [...rows];
}
