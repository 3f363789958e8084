import * as tf from '@tensorflow/tfjs-core';
import { assertInteger, type EmbeddingMatrix, validateMatrix } from '@ksub/core';
import { matMul } from '@ksub/tensor';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { FactorizedEmbedding } from '../layers/factorized-embedding';

/** What {@link svdCompress} returns. */
export interface SvdCompression {
  /** The rank-r embedding E ≈ (U_rΣ_r)·V_rᵀ, as a factorized layer with those weights. */
  readonly embedding: FactorizedEmbedding;
  /** All min(N, d) singular values of E, largest first. */
  readonly singularValues: Float64Array;
  /** N·r + r·d. */
  readonly paramCount: number;
}

/**
 * Truncated SVD of a trained N × d embedding matrix at rank r — the best rank-r approximation in
 * Frobenius norm (Eckart–Young), the baseline of the direction paper. Computed through the
 * d × d Gram matrix EᵀE (one matrix product on the active backend, float32) and its symmetric
 * eigendecomposition (ml-matrix, float64): V and Σ² from the eigenpairs, then U_rΣ_r = E·V_r.
 * This is 20–50× cheaper than a full SVD of a 50,265 × 512 matrix in JavaScript; the price is
 * that singular values below ~1e-3 of the largest lose relative precision, which does not affect
 * the leading r kept here. When N < d the N × N Gram EEᵀ is used instead.
 *
 * @example
 * ```ts
 * const { embedding, singularValues } = svdCompress(trainedTable, 64);
 * ```
 */
export function svdCompress(matrix: EmbeddingMatrix, rank: number): SvdCompression {
  const fn = 'svdCompress';
  validateMatrix(fn, 'matrix', matrix);
  const { rows: n, cols: d } = matrix;
  const small = Math.min(n, d);
  assertInteger(fn, 'rank', rank, { min: 1, max: small - 1 });
  const a = tf.tensor2d(matrix.data, [n, d]);
  const gram = tf.tidy(() => (n >= d ? matMul(a, a, true, false) : matMul(a, a, false, true)));
  const g = gram.arraySync() as number[][];
  gram.dispose();
  const eig = new EigenvalueDecomposition(new Matrix(g), { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((v, i) => [v, i] as const).sort((x, y) => y[0] - x[0]);
  const singularValues = Float64Array.from(order, ([v]) => Math.sqrt(Math.max(v, 0)));
  const vectors = eig.eigenvectorMatrix;
  const basis = new Float32Array(small * rank); // small × r, leading eigenvectors as columns
  for (let c = 0; c < rank; c++) {
    const col = (order[c] as readonly [number, number])[1];
    for (let r = 0; r < small; r++) basis[r * rank + c] = vectors.get(r, col);
  }
  const weights = tf.tidy(() => {
    const v = tf.tensor2d(basis, [small, rank]);
    // N ≥ d: E ≈ (E·V_r)·V_rᵀ. N < d: E ≈ U_r·(U_rᵀ·E).
    return n >= d ? [matMul(a, v), tf.transpose(v)] : [v, matMul(v, a, true, false)];
  });
  a.dispose();
  const embedding = new FactorizedEmbedding({ vocabSize: n, dim: d, rank });
  embedding.createWeights();
  embedding.setWeights(weights);
  tf.dispose(weights);
  return { embedding, singularValues, paramCount: embedding.paramCount() };
}
