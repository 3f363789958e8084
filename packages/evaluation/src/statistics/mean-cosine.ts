import { assert, assertInteger, describe } from '@ksub/core';
import { stats } from '../simple-statistics';

const { mean } = stats;

/**
 * Cosine similarity of each pair of rows of two row-major matrices of the same shape (e.g. one
 * sentence's vector from the full model and from a compressed one), accumulated in float64. A row
 * of zeros has cosine 0 with anything (PyTorch's `cosine_similarity` convention), never NaN; a
 * non-finite entry gives NaN for its row.
 *
 * @throws RangeError for a dim that is not a positive integer, or a and b of different lengths or
 *   of a length that is not a multiple of dim
 * @example
 * ```ts
 * rowCosines(Float32Array.of(1, 0, 3, 4), Float32Array.of(2, 0, 4, -3), 2); // Float64Array [1, 0]
 * ```
 */
export function rowCosines(a: Float32Array, b: Float32Array, dim: number): Float64Array {
  const fn = 'rowCosines';
  assertInteger(fn, 'dim', dim, { min: 1 });
  assert(
    a.length === b.length,
    () => `${fn}: a and b must have equal lengths; got ${a.length} and ${b.length}`,
    RangeError,
  );
  assert(
    a.length % dim === 0,
    () => `${fn}: a.length must be a multiple of dim (${dim}); got ${describe(a.length)}`,
    RangeError,
  );
  const rows = a.length / dim;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let p = i * dim; p < (i + 1) * dim; p++) {
      const x = a[p] as number;
      const y = b[p] as number;
      ab += x * y;
      aa += x * x;
      bb += y * y;
    }
    out[i] = aa === 0 || bb === 0 ? 0 : ab / (Math.sqrt(aa) * Math.sqrt(bb));
  }
  return out;
}

/**
 * Mean of {@link rowCosines}: how close two encoders' vectors of the same sentences are on average.
 *
 * @throws RangeError as {@link rowCosines}, and for empty inputs (no rows to average)
 * @example
 * ```ts
 * meanCosine(Float32Array.of(1, 0, 3, 4), Float32Array.of(2, 0, 4, -3), 2); // 0.5
 * ```
 */
export function meanCosine(a: Float32Array, b: Float32Array, dim: number): number {
  const cosines = rowCosines(a, b, dim);
  assert(cosines.length > 0, () => 'meanCosine: a and b must hold at least one row; got 0', RangeError);
  return mean(Array.from(cosines));
}
