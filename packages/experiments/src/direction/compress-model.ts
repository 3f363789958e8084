import { createProgress } from '@ksub/core/node';
import {
  autoencoderCompress,
  type CompressionReport,
  compressionReport,
  embeddingToMatrix,
  type FactorizedEmbedding,
  svdCompress,
} from '@ksub/embedding';
import { type MaskedLanguageModel, replaceEmbedding } from '@ksub/transformer';
import { COMPRESSION_METHODS, type CompressionMethod } from './compression-methods';

/** Settings of the AutoEncoder compressors (the direction paper's defaults when left out). */
export interface AutoencoderSettings {
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly seed?: number;
  /** Show a progress bar (default true; `KSUB_PROGRESS=off` silences it too). */
  readonly progress?: boolean;
}

/** What {@link compressModel} returns. */
export interface CompressedModel {
  /** The baseline with its token embedding (and the tied decoder) swapped for the compressed one. */
  readonly model: MaskedLanguageModel;
  /** Mean cosine, relative Frobenius error, parameters and ratio of the compressed embedding. */
  readonly report: CompressionReport;
  /** Mean AutoEncoder training loss per epoch (empty for SVD). */
  readonly history: readonly number[];
  /** Seconds the compression took. */
  readonly seconds: number;
}

/**
 * Compresses a trained model's token-embedding matrix at code size `rank` — truncated SVD
 * (E ≈ U_rΣ_r · V_rᵀ, no bias) or a linear AutoEncoder trained with the squared error (`ae-mse`)
 * or the direction paper's cosine-weighted loss (`ae-direction`; codes · decoder + bias) — and
 * swaps it into a copy of the model, no further training. `model` is left as it was.
 *
 * @example
 * ```ts
 * const { model: swapped, report } = await compressModel(baseline, 'ae-direction', 12);
 * ```
 *
 * @throws RangeError naming `method` when it is not one of {@link COMPRESSION_METHODS}; the
 *   compressors' own errors for a rank out of range.
 */
export async function compressModel(
  model: MaskedLanguageModel,
  method: CompressionMethod,
  rank: number,
  autoencoder: AutoencoderSettings = {},
): Promise<CompressedModel> {
  if (!(COMPRESSION_METHODS as readonly string[]).includes(method))
    throw new RangeError(
      `compressModel: method must be one of ${COMPRESSION_METHODS.join(', ')}; got ${JSON.stringify(method)}`,
    );
  const matrix = embeddingToMatrix(model.embedding);
  const started = performance.now();
  let embedding: FactorizedEmbedding;
  let history: readonly number[] = [];
  if (method === 'svd') {
    embedding = svdCompress(matrix, rank).embedding;
  } else {
    const result = await autoencoderCompress(matrix, rank, {
      ...autoencoder,
      progress: autoencoder.progress === false ? false : createProgress,
      loss: method === 'ae-mse' ? 'mse' : 'direction',
    });
    embedding = result.embedding;
    history = result.history;
  }
  const seconds = (performance.now() - started) / 1000;
  const report = compressionReport(matrix, embedding);
  const swapped = replaceEmbedding(model, embedding, {
    kind: 'factorized',
    rank,
    bias: embedding.useBias,
  });
  return { model: swapped, report, history, seconds };
}
