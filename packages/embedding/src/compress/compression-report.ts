import * as tf from '@tensorflow/tfjs-core';
import { type EmbeddingMatrix, validateMatrix } from '@ksub/core';
import type { TokenEmbedding } from '../token-embedding';

/** How well a compressed embedding reproduces the original (see {@link compressionReport}). */
export interface CompressionReport {
  /** Mean over tokens of cos(ê_t, e_t); a zero row on either side counts as cosine 0. */
  readonly meanCosine: number;
  /** ‖Ê − E‖_F / ‖E‖_F. */
  readonly relativeFrobenius: number;
  /** Parameters of the compressed embedding. */
  readonly params: number;
  /** N·d / params — the compression ratio as the direction paper counts it. */
  readonly ratio: number;
}

/** The N × d matrix an embedding represents, read back into JavaScript. */
export function embeddingToMatrix(embedding: TokenEmbedding): EmbeddingMatrix {
  const weight = embedding.outputWeight();
  const data = Float32Array.from(weight.dataSync());
  // A full table hands out its variable (kept); every other embedding a fresh tensor.
  if (!(weight instanceof tf.Variable)) weight.dispose();
  return { rows: embedding.vocabSize, cols: embedding.dim, data };
}

/**
 * Compares a compressed embedding with the original N × d matrix: mean cosine (what the
 * direction paper optimises), relative Frobenius error (what SVD minimises) and the parameter
 * ratio. Accumulates in float64.
 *
 * @example
 * ```ts
 * const { meanCosine, ratio } = compressionReport(original, svdCompress(original, 64).embedding);
 * ```
 */
export function compressionReport(original: EmbeddingMatrix, compressed: TokenEmbedding): CompressionReport {
  const fn = 'compressionReport';
  validateMatrix(fn, 'original', original);
  const { rows: n, cols: d } = original;
  if (compressed.vocabSize !== n || compressed.dim !== d)
    throw new RangeError(
      `${fn}: compressed must be ${n} × ${d} like the original; got ${compressed.vocabSize} × ${compressed.dim}`,
    );
  const approx = embeddingToMatrix(compressed).data;
  const e = original.data;
  let cosSum = 0;
  let errSq = 0;
  let normSq = 0;
  for (let t = 0; t < n; t++) {
    let dot = 0;
    let aa = 0;
    let bb = 0;
    for (let c = t * d; c < (t + 1) * d; c++) {
      const x = e[c] as number;
      const y = approx[c] as number;
      dot += x * y;
      aa += x * x;
      bb += y * y;
      errSq += (x - y) * (x - y);
    }
    normSq += aa;
    if (aa > 0 && bb > 0) cosSum += dot / Math.sqrt(aa * bb);
  }
  const params = compressed.paramCount();
  return {
    meanCosine: cosSum / n,
    relativeFrobenius: normSq > 0 ? Math.sqrt(errSq / normSq) : Math.sqrt(errSq),
    params,
    ratio: (n * d) / params,
  };
}
