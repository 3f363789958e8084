import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { type EmbeddingMatrix, validateMatrix } from '@ksub/core';

/** PCA of an embedding matrix's rows (see {@link principalComponents}). */
export interface Pca {
  /** Column means of the rows (d). */
  readonly mean: Float64Array;
  /** Eigenvalues of the covariance, largest first (d). */
  readonly variances: Float64Array;
  /** Unit eigenvectors in the same order, row-major d × d: component c is row c. */
  readonly components: Float64Array;
}

/**
 * PCA of an embedding matrix's rows: the d × d covariance of the centred rows, accumulated in
 * float64 in one pass, and its symmetric eigendecomposition by ml-matrix (d is at most a few
 * hundred), components sorted by variance.
 *
 * @throws errors of `validateMatrix` for a malformed matrix.
 * @example
 * ```ts
 * const { variances, components } = principalComponents(embeddingMatrix);
 * ```
 */
export function principalComponents(matrix: EmbeddingMatrix): Pca {
  validateMatrix('principalComponents', 'matrix', matrix);
  const { rows: n, cols: d, data } = matrix;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (data[i * d + j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = (data[i * d + j] as number) - (mean[j] as number);
    for (let a = 0; a < d; a++) {
      const ra = row[a] as number;
      for (let b = a; b < d; b++) cov[a * d + b] = (cov[a * d + b] as number) + ra * (row[b] as number);
    }
  }
  const m = new Matrix(d, d);
  for (let a = 0; a < d; a++)
    for (let b = a; b < d; b++) {
      const v = (cov[a * d + b] as number) / Math.max(1, n - 1);
      m.set(a, b, v);
      m.set(b, a, v);
    }
  const eig = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((v, i) => [Math.max(v, 0), i] as const).sort((x, y) => y[0] - x[0]);
  const vectors = eig.eigenvectorMatrix;
  const components = new Float64Array(d * d);
  order.forEach(([, col], c) => {
    for (let r = 0; r < d; r++) components[c * d + r] = vectors.get(r, col);
  });
  return { mean, variances: Float64Array.from(order, ([v]) => v), components };
}

/**
 * PCA explained-variance ratios of an embedding matrix's rows (Fig. 2 of the paper): eigenvalues of
 * the covariance of the centred rows, largest first, each divided by their sum.
 *
 * @throws errors of `validateMatrix` for a malformed matrix.
 * @example
 * ```ts
 * explainedVariance(embeddingMatrix).slice(0, 10); // share of variance of the first 10 components
 * ```
 */
export function explainedVariance(matrix: EmbeddingMatrix): Float64Array {
  return varianceRatios(principalComponents(matrix));
}

/** Each component's share of the total variance, largest first. */
export function varianceRatios({ variances }: Pca): Float64Array {
  const total = variances.reduce((s, v) => s + v, 0);
  return Float64Array.from(variances, (v) => (total === 0 ? 0 : v / total));
}

/**
 * Coordinates of some rows on the first `count` principal components: (row − mean) · component,
 * row-major rows.length × count (the 2-D / 3-D maps of Fig. 2).
 */
export function projectRows(
  matrix: EmbeddingMatrix,
  pca: Pca,
  rows: readonly number[],
  count: number,
): Float64Array {
  const d = matrix.cols;
  const out = new Float64Array(rows.length * count);
  rows.forEach((r, i) => {
    for (let c = 0; c < count; c++) {
      let sum = 0;
      for (let j = 0; j < d; j++)
        sum +=
          ((matrix.data[r * d + j] as number) - (pca.mean[j] as number)) *
          (pca.components[c * d + j] as number);
      out[i * count + c] = sum;
    }
  });
  return out;
}
