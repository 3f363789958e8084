import { assert, describe } from './assert';
import type { EmbeddingMatrix } from './embedding-matrix';

/**
 * Checks a data matrix at a public boundary: a Float32Array of rows·cols finite values. NaN and
 * ±Infinity are reported with their row and column.
 *
 * @throws TypeError for a malformed matrix; RangeError for a non-finite value
 */
export function validateMatrix(fn: string, name: string, matrix: EmbeddingMatrix): void {
  assert(
    typeof matrix === 'object' &&
      matrix !== null &&
      matrix.data instanceof Float32Array &&
      Number.isSafeInteger(matrix.rows) &&
      Number.isSafeInteger(matrix.cols) &&
      matrix.rows >= 1 &&
      matrix.cols >= 1,
    () =>
      `${fn}: ${name} must be an EmbeddingMatrix (rows, cols, Float32Array data); got ${describe(matrix)}`,
    TypeError,
  );
  assert(
    matrix.data.length === matrix.rows * matrix.cols,
    () =>
      `${fn}: ${name}.data must hold rows·cols = ${matrix.rows * matrix.cols} values; got ${matrix.data.length}`,
    RangeError,
  );
  const { data, cols } = matrix;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!Number.isFinite(v)) {
      throw new RangeError(
        `${fn}: ${name} must hold finite values; got ${describe(v)} at row ${Math.floor(i / cols)}, column ${i % cols}`,
      );
    }
  }
}
