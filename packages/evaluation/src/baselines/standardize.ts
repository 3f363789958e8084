import { assert } from '@ksub/core';
import type { DenseRows } from './dense-rows';

/** Per-column centre and scale, fitted on one split by {@link fitStandardizer}. */
export interface Standardizer {
  /** Column means. */
  readonly mean: Float64Array;
  /** Column standard deviations (population, ÷ n); 1 for a column constant on the fitted split. */
  readonly scale: Float64Array;
}

/**
 * Column means and standard deviations of a split (scikit-learn's `StandardScaler`: population
 * deviation, a constant column left unscaled). Fit it on train only and apply it to every split,
 * so nothing of dev or test leaks into the features. Accumulates in float64.
 *
 * @example
 * ```ts
 * fitStandardizer({ data: Float32Array.of(1, 5, 3, 5), rows: 2, cols: 2 });
 * // { mean: [2, 5], scale: [1, 1] } (column 1 is constant)
 * ```
 */
export function fitStandardizer(x: DenseRows): Standardizer {
  const { data, rows, cols } = x;
  const mean = new Float64Array(cols);
  const scale = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    for (let j = 0; j < cols; j++) mean[j] = (mean[j] as number) + (data[off + j] as number);
  }
  for (let j = 0; j < cols; j++) mean[j] = (mean[j] as number) / rows;
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    for (let j = 0; j < cols; j++) {
      const d = (data[off + j] as number) - (mean[j] as number);
      scale[j] = (scale[j] as number) + d * d;
    }
  }
  for (let j = 0; j < cols; j++) {
    const sd = Math.sqrt((scale[j] as number) / rows);
    scale[j] = sd > 0 ? sd : 1;
  }
  return { mean, scale };
}

/**
 * A standardised copy of the rows: (x − mean) / scale column by column.
 *
 * @throws RangeError when x has another number of columns than the standardizer
 * @example
 * ```ts
 * const s = fitStandardizer(train);
 * const [trainZ, devZ] = [applyStandardizer(train, s), applyStandardizer(dev, s)];
 * ```
 */
export function applyStandardizer(x: DenseRows, s: Standardizer): DenseRows {
  const { data, rows, cols } = x;
  assert(
    cols === s.mean.length,
    () => `applyStandardizer: x must have ${s.mean.length} columns (as fitted); got ${cols}`,
    RangeError,
  );
  const out = new Float32Array(data.length);
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    for (let j = 0; j < cols; j++)
      out[off + j] = ((data[off + j] as number) - (s.mean[j] as number)) / (s.scale[j] as number);
  }
  return { data: out, rows, cols };
}
