import { assert, assertInteger, describe } from '@ksub/core';

/**
 * A dense real matrix stored row by row: entry (i, j) is `data[i·cols + j]`. The form frozen
 * sentence vectors come in, and one that {@link fitLogisticRegression} takes directly.
 *
 * @example
 * ```ts
 * // rows [1, 0] and [0.5, 2]
 * const x: DenseRows = { data: Float32Array.of(1, 0, 0.5, 2), rows: 2, cols: 2 };
 * ```
 */
export interface DenseRows {
  /** Length rows · cols, row-major. */
  readonly data: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Wraps row-major values as {@link DenseRows}, checking the shape and that every value is finite
 * (a NaN would otherwise poison the whole fit silently). The data is not copied.
 *
 * @throws TypeError when data is not a Float32Array; RangeError when rows or cols is not a
 *   positive integer, data.length ≠ rows · cols, or a value is not finite
 * @example
 * ```ts
 * denseRows(Float32Array.of(1, 0, 0.5, 2), 2, 2); // { data, rows: 2, cols: 2 }
 * ```
 */
export function denseRows(data: Float32Array, rows: number, cols: number): DenseRows {
  const fn = 'denseRows';
  assert(
    data instanceof Float32Array,
    () => `${fn}: data must be a Float32Array; got ${describe(data)}`,
    TypeError,
  );
  assertInteger(fn, 'rows', rows, { min: 1 });
  assertInteger(fn, 'cols', cols, { min: 1 });
  assert(
    data.length === rows * cols,
    () => `${fn}: data.length must be rows · cols = ${rows * cols}; got ${data.length}`,
    RangeError,
  );
  for (let p = 0; p < data.length; p++) {
    const v = data[p] as number;
    assert(
      Number.isFinite(v),
      () =>
        `${fn}: data[${p}] (row ${Math.floor(p / cols)}, column ${p % cols}) must be finite; got ${describe(v)}`,
      RangeError,
    );
  }
  return { data, rows, cols };
}

/**
 * Whether a feature matrix is dense ({@link DenseRows}) rather than sparse.
 *
 * @example
 * ```ts
 * isDenseRows({ data: new Float32Array(4), rows: 2, cols: 2 }); // true
 * ```
 */
export const isDenseRows = (x: object): x is DenseRows => 'data' in x;
