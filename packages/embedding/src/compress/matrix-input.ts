import { describe, type EmbeddingMatrix } from '@ksub/core';

/** Checks a matrix handed to a compressor: rows × cols float32 data of that size, all finite. */
export function validateMatrix(fn: string, name: string, matrix: EmbeddingMatrix): void {
  if (matrix === null || typeof matrix !== 'object' || !(matrix.data instanceof Float32Array))
    throw new TypeError(
      `${fn}: ${name} must be an EmbeddingMatrix with Float32Array data; got ${describe(matrix)}`,
    );
  if (matrix.data.length !== matrix.rows * matrix.cols)
    throw new RangeError(
      `${fn}: ${name}.data must hold rows × cols = ${matrix.rows * matrix.cols} values; got ${matrix.data.length}`,
    );
  const { data } = matrix;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new RangeError(
        `${fn}: ${name} must be finite; got ${data[i]} at row ${Math.floor(i / matrix.cols)}, column ${i % matrix.cols}`,
      );
    }
  }
}
