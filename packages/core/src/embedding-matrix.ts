import { assert, assertInteger, describe } from './assert';

/**
 * A dense row-major matrix of token vectors: row i holds `cols` floats at
 * `data[i * cols .. (i + 1) * cols)`. Used for pretrained embeddings (clustering input) and for
 * trained embedding tables handed to post-hoc compressors.
 */
export interface EmbeddingMatrix {
  /** Number of rows (tokens). */
  readonly rows: number;
  /** Number of columns (embedding size). */
  readonly cols: number;
  /** rows·cols values, row-major. */
  readonly data: Float32Array;
}

/**
 * Creates (or wraps) a rows × cols matrix, checking that `data` has exactly rows·cols values.
 *
 * @param rows - number of rows, ≥ 1
 * @param cols - number of columns, ≥ 1
 * @param data - values, row-major; zero-filled when omitted
 * @example
 * ```ts
 * const m = createEmbeddingMatrix(2, 3, Float32Array.of(1, 2, 3, 4, 5, 6));
 * matrixRow(m, 1); // Float32Array [4, 5, 6]
 * ```
 */
export function createEmbeddingMatrix(rows: number, cols: number, data?: Float32Array): EmbeddingMatrix {
  assertInteger('createEmbeddingMatrix', 'rows', rows, { min: 1 });
  assertInteger('createEmbeddingMatrix', 'cols', cols, { min: 1 });
  const values = data ?? new Float32Array(rows * cols);
  assert(
    values instanceof Float32Array,
    () => `createEmbeddingMatrix: data must be a Float32Array; got ${describe(values)}`,
    TypeError,
  );
  assert(
    values.length === rows * cols,
    () => `createEmbeddingMatrix: data must hold rows·cols = ${rows * cols} values; got ${values.length}`,
    RangeError,
  );
  return { rows, cols, data: values };
}

/**
 * A view (no copy) of row `i`.
 * @throws RangeError when `i` is not a row index
 */
export function matrixRow(matrix: EmbeddingMatrix, i: number): Float32Array {
  assertInteger('matrixRow', 'i', i, { min: 0, max: matrix.rows - 1 });
  return matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols);
}
