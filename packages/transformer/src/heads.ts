import * as tf from '@tensorflow/tfjs-core';
import type { TransformerConfig } from './config';
import type { EmbeddingLayer } from './encoder';
import { dense, denseGelu, type DropoutStream, layerNorm } from './ops/layers';
import type { ParameterSet } from './parameters';

/**
 * RoBERTa's MLM head: dense d → d, GELU, LayerNorm, then the tied decoder (the token embedding's
 * {@link EmbeddingLayer.logits}, h · Eᵀ computed the embedding's cheapest way) plus a bias per token.
 */
export class MlmHead {
  private readonly denseWeight: tf.Variable;
  private readonly denseBias: tf.Variable;
  private readonly ln: [tf.Variable, tf.Variable];
  private readonly decoderBias: tf.Variable;

  constructor(
    private readonly config: TransformerConfig,
    private readonly embedding: EmbeddingLayer,
    params: ParameterSet,
  ) {
    const d = config.hidden;
    this.denseWeight = params.normal('lm_head.dense.weight', [d, d], config.initStddev);
    this.denseBias = params.zeros('lm_head.dense.bias', [d]);
    this.ln = [params.ones('lm_head.layer_norm.weight', [d]), params.zeros('lm_head.layer_norm.bias', [d])];
    this.decoderBias = params.zeros('lm_head.bias', [config.vocabSize]);
  }

  private transform(hidden: tf.Tensor2D): tf.Tensor2D {
    return layerNorm(
      denseGelu(hidden, this.denseWeight, this.denseBias),
      this.ln[0],
      this.ln[1],
      this.config.layerNormEps,
    ) as tf.Tensor2D;
  }

  /** Vocabulary logits [n, N] for hidden states [n, d] (only the masked positions, in practice). */
  logits(hidden: tf.Tensor2D): tf.Tensor2D {
    return tf.add(this.embedding.logits(this.transform(hidden)), this.decoderBias) as tf.Tensor2D;
  }

  /**
   * Mean cross-entropy of the predictions for `hidden` [n, d] against `labels` [n]: the
   * embedding's own fused decoder loss (`TokenEmbedding.crossEntropy`), so the [n × N] logits
   * stay in the SIMD kernel's memory for full and k-sub embeddings.
   */
  loss(hidden: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
    return this.embedding.crossEntropy(this.transform(hidden), this.decoderBias as tf.Tensor1D, labels);
  }
}

/**
 * RoBERTa's sequence-classification head on the first token (`<s>`): dropout, dense d → d, tanh,
 * dropout, dense d → numLabels. With numLabels = 1 it is the regression head (STS-B).
 */
export class ClassificationHead {
  private readonly denseWeight: tf.Variable;
  private readonly denseBias: tf.Variable;
  private readonly outWeight: tf.Variable;
  private readonly outBias: tf.Variable;

  constructor(
    private readonly config: TransformerConfig,
    readonly numLabels: number,
    params: ParameterSet,
  ) {
    const d = config.hidden;
    this.denseWeight = params.normal('classifier.dense.weight', [d, d], config.initStddev);
    this.denseBias = params.zeros('classifier.dense.bias', [d]);
    this.outWeight = params.normal('classifier.out_proj.weight', [numLabels, d], config.initStddev);
    this.outBias = params.zeros('classifier.out_proj.bias', [numLabels]);
  }

  /** Scores [batch, numLabels] from the first token's hidden state of each sequence. */
  scores(hidden: tf.Tensor2D, batchSize: number, seqLength: number, dropout: DropoutStream): tf.Tensor2D {
    const first = tf.gather(hidden, tf.range(0, batchSize * seqLength, seqLength, 'int32'));
    const x = tf.tanh(dense(dropout.apply(first, this.config.dropout), this.denseWeight, this.denseBias));
    return dense(dropout.apply(x, this.config.dropout), this.outWeight, this.outBias) as tf.Tensor2D;
  }
}
