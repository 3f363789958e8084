import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { type EmbeddingMatrix, validateMatrix } from '@ksub/core';

/**
 * PCA explained-variance ratios of an embedding matrix's rows (Fig. 2 of the paper): eigenvalues of
 * the d × d covariance of the centred rows, largest first, each divided by their sum. The covariance
 * is accumulated in float64 in one pass over the rows; ml-matrix does the symmetric
 * eigendecomposition (d is at most a few hundred).
 *
 * @throws errors of `validateMatrix` for a malformed matrix.
 * @example
 * ```ts
 * explainedVariance(embeddingMatrix).slice(0, 10); // share of variance of the first 10 components
 * ```
 */
export function explainedVariance(matrix: EmbeddingMatrix): Float64Array {
  validateMatrix('explainedVariance', 'matrix', matrix);
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
  const values = new EigenvalueDecomposition(m, { assumeSymmetric: true }).realEigenvalues.map((v) =>
    Math.max(v, 0),
  );
  values.sort((x, y) => y - x);
  const total = values.reduce((s, v) => s + v, 0);
  return Float64Array.from(values, (v) => (total === 0 ? 0 : v / total));
}
