import * as tf from '@tensorflow/tfjs-core';
import { assert, describe } from '@ksub/core';
import { sparseSoftmaxCrossEntropy } from '@ksub/tensor';
import type { EncoderInput, RobertaEncoder } from './encoder';
import { ClassificationHead } from './heads';
import type { MaskedLanguageModel, ForwardOptions } from './masked-lm';
import { DropoutStream } from './ops/layers';
import { type Parameter, ParameterSet } from './parameters';

/**
 * A pretrained encoder with RoBERTa's sequence-classification head, for fine-tuning: cross-entropy
 * over `numLabels` classes, or — with `numLabels` 1 — mean squared error on a score (regression,
 * STS-B). The encoder is shared with the model it came from; the head is new.
 *
 * @example
 * ```ts
 * const classifier = SequenceClassifier.fromMaskedLm(await loadMaskedLm('runs/mini/model'), 2, 1);
 * const loss = classifier.loss(batch, labels, { training: true, seed: step });
 * ```
 */
export class SequenceClassifier {
  /** The head's own parameters (the encoder's stay with the model it came from). */
  readonly headParams: ParameterSet;
  readonly head: ClassificationHead;

  constructor(
    readonly encoder: RobertaEncoder,
    private readonly encoderParams: readonly Parameter[],
    readonly numLabels: number,
    seed: number,
  ) {
    assert(
      Number.isInteger(numLabels) && numLabels >= 1,
      () => `SequenceClassifier: numLabels must be a positive integer; got ${describe(numLabels)}`,
      RangeError,
    );
    this.headParams = new ParameterSet(seed);
    this.head = new ClassificationHead(encoder.config, numLabels, this.headParams);
  }

  /** A classifier on the encoder of a (pretrained) masked language model; its `lm_head` is left out. */
  static fromMaskedLm(model: MaskedLanguageModel, numLabels: number, seed: number): SequenceClassifier {
    const encoderParams = model.params.all().filter((p) => p.name.startsWith('roberta.'));
    return new SequenceClassifier(model.encoder, encoderParams, numLabels, seed);
  }

  /** Whether the head predicts a score rather than classes. */
  get regression(): boolean {
    return this.numLabels === 1;
  }

  /** Every parameter fine-tuning updates: the encoder's and the head's. */
  trainableParameters(): Parameter[] {
    return [...this.encoderParams, ...this.headParams.all()];
  }

  /** Scores [batchSize, numLabels]. Call inside a tidy. */
  scores(input: EncoderInput, options: ForwardOptions = {}): tf.Tensor2D {
    const dropout = new DropoutStream(options.training ?? false, options.seed ?? 0);
    return this.head.scores(this.encoder.encode(input, dropout), input.batchSize, input.seqLength, dropout);
  }

  /**
   * Mean cross-entropy against class indices, or mean squared error against scores (regression).
   *
   * @throws RangeError when `labels` does not hold one value per sequence.
   */
  loss(input: EncoderInput, labels: ArrayLike<number>, options: ForwardOptions = {}): tf.Scalar {
    assert(
      labels.length === input.batchSize,
      () => `SequenceClassifier.loss: labels must hold ${input.batchSize} values; got ${labels.length}`,
      RangeError,
    );
    const scores = this.scores(input, options);
    if (this.regression)
      return tf.mean(
        tf.square(tf.sub(tf.reshape(scores, [-1]), tf.tensor1d(Array.from(labels)))),
      ) as tf.Scalar;
    return sparseSoftmaxCrossEntropy(scores, tf.tensor1d(Int32Array.from(labels), 'int32'));
  }

  /** Predicted class indices (arg-max), or scores for regression, without dropout. */
  predict(input: EncoderInput): Float32Array {
    return tf.tidy(() => {
      const scores = this.scores(input);
      return Float32Array.from(this.regression ? scores.dataSync() : tf.argMax(scores, 1).dataSync());
    });
  }

  /** Releases the head (the encoder belongs to the model it came from). */
  dispose(): void {
    this.headParams.dispose();
  }
}
