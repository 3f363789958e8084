import * as tf from '@tensorflow/tfjs-core';
import { encoderParamCount, type EncoderParamBreakdown } from '@ksub/core';
import { sparseSoftmaxCrossEntropy } from '@ksub/tensor';
import type { TransformerConfig } from './config';
import { createEmbedding, type EmbeddingSpec } from './embedding-spec';
import { type EmbeddingLayer, type EncoderInput, RobertaEncoder } from './encoder';
import { MlmHead } from './heads';
import { DropoutStream } from './ops/layers';
import { ParameterSet } from './parameters';

/** An MLM batch: the encoder input plus the flat masked positions and their original ids. */
export interface MlmInput extends EncoderInput {
  /** Flat indices b · seqLength + t of the predicted positions. */
  readonly maskedPositions: Int32Array;
  /** The original ids at those positions. */
  readonly labels: Int32Array;
}

/** Options of a forward pass. */
export interface ForwardOptions {
  /** Dropout on (default false). */
  readonly training?: boolean;
  /** Seed of this pass's dropout masks (default 0). */
  readonly seed?: number;
}

/** Sums over an evaluation batch, so batches of any size combine exactly. */
export interface MlmEvaluation {
  /** Σ cross-entropy over the masked positions (nats). */
  readonly lossSum: number;
  /** Masked positions scored. */
  readonly count: number;
  /** Positions whose arg-max prediction is the label. */
  readonly correct: number;
}

/**
 * A RoBERTa masked language model: {@link RobertaEncoder} + {@link MlmHead} over one
 * {@link ParameterSet}. Logits are computed only at the masked positions.
 *
 * @example
 * ```ts
 * const model = MaskedLanguageModel.fromSpec(presetConfig('tiny'), { kind: 'full' }, 1);
 * const loss = model.loss(batch, { training: true, seed: step });
 * ```
 */
export class MaskedLanguageModel {
  readonly params: ParameterSet;
  readonly encoder: RobertaEncoder;
  readonly head: MlmHead;

  /** How the embedding was made, when known (needed to save the model). */
  readonly spec: EmbeddingSpec | undefined;

  constructor(
    readonly config: TransformerConfig,
    readonly embedding: EmbeddingLayer,
    seed: number,
    spec?: EmbeddingSpec,
  ) {
    this.params = new ParameterSet(seed);
    this.encoder = new RobertaEncoder(config, embedding, this.params);
    this.head = new MlmHead(config, embedding, this.params);
    this.spec = spec;
  }

  /** A model whose embedding is made from `spec` (seeded with `seed`; the rest with seed + 1). */
  static fromSpec(config: TransformerConfig, spec: EmbeddingSpec, seed: number): MaskedLanguageModel {
    return new MaskedLanguageModel(config, createEmbedding(spec, config, seed), seed + 1, spec);
  }

  /** Final hidden states at the masked positions [masked, d]. Call inside a tidy. */
  private maskedHidden(batch: MlmInput, options: ForwardOptions): tf.Tensor2D {
    const dropout = new DropoutStream(options.training ?? false, options.seed ?? 0);
    const hidden = this.encoder.encode(batch, dropout);
    return tf.gather(hidden, tf.tensor1d(batch.maskedPositions, 'int32')) as tf.Tensor2D;
  }

  /** Logits [masked positions, N]. Call inside a tidy. */
  logits(batch: MlmInput, options: ForwardOptions = {}): tf.Tensor2D {
    return this.head.logits(this.maskedHidden(batch, options));
  }

  /** Mean cross-entropy at the masked positions. Call inside a tidy or `tf.variableGrads`. */
  loss(batch: MlmInput, options: ForwardOptions = {}): tf.Scalar {
    return this.head.loss(this.maskedHidden(batch, options), tf.tensor1d(batch.labels, 'int32'));
  }

  /** Loss sum, count and arg-max accuracy of a batch, without dropout. */
  evaluate(batch: MlmInput): MlmEvaluation {
    const count = batch.labels.length;
    if (count === 0) return { lossSum: 0, count: 0, correct: 0 };
    const [loss, predictions] = tf.tidy(() => {
      const logits = this.logits(batch);
      return [
        sparseSoftmaxCrossEntropy(logits, tf.tensor1d(batch.labels, 'int32')).dataSync()[0] as number,
        tf.argMax(logits, 1).dataSync() as Int32Array,
      ] as const;
    });
    let correct = 0;
    predictions.forEach((p, i) => (correct += p === batch.labels[i] ? 1 : 0));
    return { lossSum: loss * count, count, correct };
  }

  /** Parameters actually held (embedding's own count + every other tensor). */
  countParams(): number {
    return this.params.size();
  }

  /** The analytic count behind Table 1 for this config and embedding, part by part. */
  analyticParams(): EncoderParamBreakdown {
    return encoderParamCount(
      {
        vocabSize: this.config.vocabSize,
        hidden: this.config.hidden,
        layers: this.config.layers,
        intermediate: this.config.intermediate,
        maxPositions: this.config.maxPositions,
        typeVocabSize: this.config.typeVocabSize,
      },
      this.embedding.paramCount(),
    );
  }

  /** Releases every weight, the embedding's included. */
  dispose(): void {
    this.params.dispose();
    this.embedding.dispose();
  }
}
