import { assertInteger } from './assert';

/** The shape of a RoBERTa-style encoder, as far as parameter counting needs it. */
export interface EncoderShape {
  /** Vocabulary size N. */
  readonly vocabSize: number;
  /** Hidden size d. */
  readonly hidden: number;
  /** Number of encoder layers. */
  readonly layers: number;
  /** Feed-forward inner size. */
  readonly intermediate: number;
  /** Learned positions (RoBERTa: 514 = 512 + the padding offset of 2). */
  readonly maxPositions: number;
  /** Token-type vocabulary (RoBERTa and XLM-R: 1). */
  readonly typeVocabSize: number;
}

/** Parameter counts of a RoBERTa-style masked language model, part by part. */
export interface EncoderParamBreakdown {
  /** The token-embedding table (N·d, or what a compressed embedding uses instead). */
  readonly tokenEmbedding: number;
  /** Position embeddings, maxPositions·d. */
  readonly positionEmbedding: number;
  /** Token-type embeddings, typeVocabSize·d. */
  readonly typeEmbedding: number;
  /** LayerNorm after the embedding sum, 2d. */
  readonly embeddingLayerNorm: number;
  /** All encoder layers: per layer Q, K, V, O with biases, two LayerNorms, FFN with biases. */
  readonly encoderLayers: number;
  /** MLM head: dense d×d + bias, LayerNorm, decoder bias (N); the decoder weight is tied. */
  readonly mlmHead: number;
  /** Sentence pooler of Hugging Face's `RobertaModel` (dense d×d + bias); not part of the MLM model. */
  readonly pooler: number;
  /** Everything of the MLM model: embeddings + encoder layers + MLM head (pooler excluded). */
  readonly total: number;
}

/**
 * Counts the parameters of a RoBERTa-style MLM from its shape. The token embedding defaults to
 * the full N·d table; pass the parameters of a compressed embedding (k-sub, factorized) instead.
 * The tied decoder adds no weight, only its N biases.
 *
 * @param shape - the encoder's sizes
 * @param tokenEmbeddingParams - parameters of the token embedding (default N·d)
 * @example
 * ```ts
 * encoderParamCount({ vocabSize: 50265, hidden: 512, layers: 8, intermediate: 2048,
 *   maxPositions: 514, typeVocabSize: 1 }).total; // 51_533_401
 * ```
 */
export function encoderParamCount(shape: EncoderShape, tokenEmbeddingParams?: number): EncoderParamBreakdown {
  const fn = 'encoderParamCount';
  const { vocabSize: n, hidden: d, layers, intermediate: f, maxPositions, typeVocabSize } = shape;
  assertInteger(fn, 'shape.vocabSize', n, { min: 1 });
  assertInteger(fn, 'shape.hidden', d, { min: 1 });
  assertInteger(fn, 'shape.layers', layers, { min: 0 });
  assertInteger(fn, 'shape.intermediate', f, { min: 1 });
  assertInteger(fn, 'shape.maxPositions', maxPositions, { min: 1 });
  assertInteger(fn, 'shape.typeVocabSize', typeVocabSize, { min: 0 });
  const tokenEmbedding = tokenEmbeddingParams ?? n * d;
  assertInteger(fn, 'tokenEmbeddingParams', tokenEmbedding, { min: 0 });
  const attention = 4 * (d * d + d);
  const feedForward = d * f + f + f * d + d;
  const layerNorms = 2 * (2 * d);
  const encoderLayers = layers * (attention + feedForward + layerNorms);
  const positionEmbedding = maxPositions * d;
  const typeEmbedding = typeVocabSize * d;
  const embeddingLayerNorm = 2 * d;
  const mlmHead = d * d + d + 2 * d + n;
  const pooler = d * d + d;
  const total =
    tokenEmbedding + positionEmbedding + typeEmbedding + embeddingLayerNorm + encoderLayers + mlmHead;
  return {
    tokenEmbedding,
    positionEmbedding,
    typeEmbedding,
    embeddingLayerNorm,
    encoderLayers,
    mlmHead,
    pooler,
    total,
  };
}
