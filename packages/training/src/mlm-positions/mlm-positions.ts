import * as tf from '@tensorflow/tfjs-core';
import type { MlmBatch } from '@ksub/corpus';
import type { MaskedLanguageModel } from '@ksub/transformer';
import { type MlmEvaluationOptions, validationBatches } from '../pretrain/evaluate-mlm';
import type { UnigramBaseline } from '../pretrain/unigram';

/**
 * Per masked position scores of one model on one validation set, row i being the i-th masked
 * position in the order {@link validationBatches} masks them (sequence, then position, ascending).
 */
export interface MlmPositions {
  /** Index of the position's sequence in the validation sequences. */
  readonly sequence: Int32Array;
  /** Token position within that sequence (0 is `<s>`). */
  readonly position: Int32Array;
  /** The true token id there (the label). */
  readonly token: Int32Array;
  /** The model's −log p(token) (nats). */
  readonly loss: Float64Array;
  /** 1 where the model's arg-max is the token, else 0. */
  readonly correct: Uint8Array;
  /** The unigram baseline's −log p(token) (nats). */
  readonly unigramLoss: Float64Array;
  /** Where these came from (a file path), named in errors; absent for scores computed in memory. */
  readonly source?: string;
}

/** Options of {@link evaluateMlmPositions}: those of `evaluateMlm`, the unigram baseline required. */
export interface MlmPositionsOptions extends MlmEvaluationOptions {
  /** The baseline scored beside the model at every position. */
  readonly unigram: UnigramBaseline;
}

/** −log p(label) and the arg-max of each masked position of a batch, from one forward pass. */
function scoreBatch(model: MaskedLanguageModel, batch: MlmBatch): { loss: Float32Array; argMax: Int32Array } {
  return tf.tidy(() => {
    const logits = model.logits(batch);
    const [n, classes] = logits.shape;
    // log-sum-exp on max-shifted logits, as the training loss computes it; the mean of these is
    // that loss, but kept per position
    const shifted = tf.sub(logits, tf.max(logits, 1, true));
    const logSumExp = tf.log(tf.sum(tf.exp(shifted), 1));
    const at = tf.add(
      tf.mul(tf.range(0, n, 1, 'int32'), tf.scalar(classes, 'int32')),
      tf.tensor1d(batch.labels, 'int32'),
    );
    const picked = tf.gather(tf.reshape(shifted, [-1]), at);
    return {
      loss: tf.sub(logSumExp, picked).dataSync() as Float32Array,
      argMax: tf.argMax(logits, 1).dataSync() as Int32Array,
    };
  });
}

/**
 * Scores a masked language model at every masked position of a validation set, with the masks
 * `evaluateMlm` draws (its {@link validationBatches}): the mean of `loss` is its validation loss,
 * the mean of `correct` its accuracy, so two models' rows pair up position by position for a
 * paired comparison ({@link pairPositions}).
 *
 * @example
 * ```ts
 * const { model } = await loadSavedMaskedLm('runs/pretrain-mini-full/model');
 * const data = await loadPretrainValidation(config);
 * const positions = evaluateMlmPositions(model, data.sequences, data.options);
 * await writePositionsCsv('docs/results/mini/positions-full.csv', positions);
 * ```
 */
export function evaluateMlmPositions(
  model: MaskedLanguageModel,
  sequences: readonly Int32Array[],
  options: MlmPositionsOptions,
): MlmPositions {
  const parts: { first: number; batch: MlmBatch; loss: Float32Array; argMax: Int32Array }[] = [];
  let total = 0;
  for (const { first, batch } of validationBatches(sequences, options)) {
    if (batch.labels.length === 0) continue;
    parts.push({ first, batch, ...scoreBatch(model, batch) });
    total += batch.labels.length;
  }
  const out = {
    sequence: new Int32Array(total),
    position: new Int32Array(total),
    token: new Int32Array(total),
    loss: new Float64Array(total),
    correct: new Uint8Array(total),
    unigramLoss: new Float64Array(total),
  };
  let row = 0;
  for (const { first, batch, loss, argMax } of parts)
    batch.labels.forEach((token, k) => {
      const flat = batch.maskedPositions[k] as number;
      out.sequence[row] = first + Math.floor(flat / batch.seqLength);
      out.position[row] = flat % batch.seqLength;
      out.token[row] = token;
      out.loss[row] = loss[k] as number;
      out.correct[row] = argMax[k] === token ? 1 : 0;
      out.unigramLoss[row] = options.unigram.loss(token);
      row++;
    });
  return out;
}
