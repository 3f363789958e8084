import { Rng } from '@ksub/core';
import { collateMlm, type MlmBatch } from '@ksub/corpus';
import type { Tokenizer } from '@ksub/tokenizers';
import type { MaskedLanguageModel } from '@ksub/transformer';
import { mixSeed } from './data-order';
import type { UnigramBaseline } from './unigram';

/** Options of {@link evaluateMlm}. */
export interface MlmEvaluationOptions {
  /** The tokenizer the sequences were packed with (special ids, vocabulary size). */
  readonly tokenizer: Pick<Tokenizer, 'specialIds' | 'isSpecial' | 'vocabSize'>;
  /** The run's seed: the masks are drawn from one stream derived from it, so every call masks alike. */
  readonly seed: number;
  /** Sequences per forward pass. */
  readonly batchSize: number;
  /** MLM selection probability (default 0.15). */
  readonly maskProbability?: number;
  /** Also score the unigram baseline on the same masked positions. */
  readonly unigram?: UnigramBaseline;
}

/** Masked-LM quality on held-out sequences. */
export interface MlmScore {
  /** Mean −log p(label) over the masked positions (nats). */
  readonly loss: number;
  /** exp(loss). */
  readonly perplexity: number;
  /** Share of masked positions whose arg-max is the label. */
  readonly accuracy: number;
  /** The unigram baseline's mean loss on the same positions, when `unigram` was given. */
  readonly unigramLoss?: number;
  /**
   * The unigram baseline's top-1 accuracy on the same positions, when `unigram` was given: the
   * share whose label is its most frequent token (the bar beside `accuracy`).
   */
  readonly unigramAccuracy?: number;
  /** Masked positions scored. */
  readonly positions: number;
}

/** Stream of the validation masks (kept from the first pretraining runs, so their metrics stay comparable). */
const VALIDATION_STREAM = 7;

/** One batch of {@link validationBatches}: its masked batch and where its rows start in the sequences. */
export interface ValidationBatch {
  /** Index in `sequences` of the batch's first row (row b is sequence first + b). */
  readonly first: number;
  readonly batch: MlmBatch;
}

/**
 * The masked batches {@link evaluateMlm} scores, in order: `sequences` in slices of `batchSize`,
 * RoBERTa masking drawn from one stream of (seed, a fixed stream number). Anything that must
 * score exactly the validation positions of a pretraining run iterates these.
 *
 * @example
 * ```ts
 * for (const { first, batch } of validationBatches(validation, { tokenizer, seed: 1, batchSize: 16 }))
 *   console.log(first, batch.labels.length);
 * ```
 */
export function* validationBatches(
  sequences: readonly Int32Array[],
  options: Omit<MlmEvaluationOptions, 'unigram'>,
): Generator<ValidationBatch> {
  const { tokenizer, batchSize } = options;
  const rng = Rng.fromSeed(mixSeed(options.seed, VALIDATION_STREAM));
  for (let first = 0; first < sequences.length; first += batchSize) {
    const batch = collateMlm(sequences.slice(first, first + batchSize), {
      specialIds: tokenizer.specialIds,
      isSpecial: (id: number) => tokenizer.isSpecial(id),
      vocabSize: tokenizer.vocabSize,
      rng,
      maskProbability: options.maskProbability ?? 0.15,
    });
    yield { first, batch };
  }
}

/**
 * Scores a masked language model on held-out sequences with RoBERTa masking drawn from
 * (seed, a fixed stream): the same sequences and seed give the same masked positions, so a model
 * swapped after training (a compressed embedding) is scored on exactly the positions its
 * pretraining run validated on.
 *
 * @example
 * ```ts
 * const { perplexity } = evaluateMlm(model, validation, { tokenizer, seed: 1, batchSize: 16 });
 * ```
 */
export function evaluateMlm(
  model: MaskedLanguageModel,
  sequences: readonly Int32Array[],
  options: MlmEvaluationOptions,
): MlmScore {
  const { unigram } = options;
  let lossSum = 0;
  let unigramSum = 0;
  let unigramCorrect = 0;
  let count = 0;
  let correct = 0;
  for (const { batch } of validationBatches(sequences, options)) {
    const e = model.evaluate(batch);
    lossSum += e.lossSum;
    if (unigram !== undefined) {
      unigramSum += unigram.lossSum(batch.labels);
      unigramCorrect += unigram.correctCount(batch.labels);
    }
    count += e.count;
    correct += e.correct;
  }
  const loss = lossSum / Math.max(1, count);
  return {
    loss,
    perplexity: Math.exp(loss),
    accuracy: correct / Math.max(1, count),
    ...(unigram === undefined
      ? {}
      : {
          unigramLoss: unigramSum / Math.max(1, count),
          unigramAccuracy: unigramCorrect / Math.max(1, count),
        }),
    positions: count,
  };
}
