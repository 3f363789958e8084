import type * as tf from '@tensorflow/tfjs-core';

/**
 * The token-embedding seam every ksub embedding implements, so a model takes any of them:
 * ordinary, k-sub-embedding, factorized, or a post-hoc compression of a trained table.
 * `describeTokenEmbeddingConformance` in `@ksub/embedding/testing` checks an implementation.
 */
export interface TokenEmbedding {
  /** Short name of the family: `full`, `ksub`, `factorized`, … */
  readonly kind: string;
  /** N, the number of token ids accepted. */
  readonly vocabSize: number;
  /** d, the width of each token vector. */
  readonly dim: number;
  /** Token vectors for `ids` (int32, [batch, seq]) → [batch, seq, d]. Rejects ids outside [0, N). */
  embed(ids: tf.Tensor): tf.Tensor3D;
  /**
   * The whole N × d matrix the embedding represents, as a differentiable function of its
   * parameters — the weight of a tied output (decoder) layer: logits = h · outputWeight()ᵀ.
   */
  outputWeight(): tf.Tensor2D;
  /**
   * Tied-decoder logits h · outputWeight()ᵀ for hidden states [n, d] → [n, N], computed the
   * cheapest way the structure allows (k-sub-embedding and factorized never build the N × d matrix).
   */
  logits(hidden: tf.Tensor): tf.Tensor2D;
  /**
   * Mean softmax cross-entropy of the tied-decoder logits plus `bias` ([N] or null) against int32
   * `labels` [n] — the MLM loss — as one op where the structure allows (full: the product and the
   * loss fused; k-sub: gathered logits fused with the loss), so the [n × N] logits never become a
   * TF.js tensor. Equal to `sparseSoftmaxCrossEntropy(logits(hidden) + bias, labels)`.
   */
  crossEntropy(hidden: tf.Tensor2D, bias: tf.Tensor1D | null, labels: tf.Tensor1D): tf.Scalar;
  /** Number of trainable parameters (the figure Table 1 and the compression ratios count). */
  paramCount(): number;
}
