import { openCorpus, type PackedCorpus, type Split } from '@ksub/corpus';
import { getTokenizer, type Tokenizer } from '@ksub/tokenizers';
import { type PretrainConfig, resolvePretrainConfig } from '../pretrain/pretrain-config';
import { UnigramBaseline } from '../pretrain/unigram';
import type { MlmPositionsOptions } from './mlm-positions';

/** What a pretraining run validates on, as {@link loadPretrainValidation} rebuilds it. */
export interface PretrainValidation {
  /** The run's tokenizer. */
  readonly tokenizer: Tokenizer;
  /** The validation split's first `evalSequences` sequences, in corpus order. */
  readonly sequences: Int32Array[];
  /** The unigram baseline of the run's training split. */
  readonly unigram: UnigramBaseline;
  /** The options `pretrain` passes to `evaluateMlm`: seed, batch size, mask probability, unigram. */
  readonly options: MlmPositionsOptions;
}

/** The first `limit` sequences of a split, in corpus order (all of them by default). */
async function firstSequences(corpus: PackedCorpus, split: Split, limit = Infinity): Promise<Int32Array[]> {
  const out: Int32Array[] = [];
  if (limit <= 0) return out;
  for await (const s of corpus.sequences(split)) {
    out.push(s.ids);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Rebuilds the validation of a pretraining run from its config: the same tokenizer and corpus,
 * the validation split's first `evalSequences` sequences, the unigram baseline counted on the
 * whole training split, and `evaluateMlm`'s options with the run's seed, batch size and mask
 * probability — so `evaluateMlm` or {@link evaluateMlmPositions} over the result scores exactly
 * the positions the run's `metrics.jsonl` validation lines report (defaults resolved as the run
 * resolved them).
 *
 * @param config - the run's pretraining config (as given to `pretrain`)
 * @param source - where the config came from, named in config errors
 * @throws as `resolvePretrainConfig` for a bad config; RangeError when the tokenizer's vocabulary
 *   differs from the model config's; FormatError when the corpus was packed with another tokenizer.
 * @example
 * ```ts
 * const config = JSON.parse(await readFile('configs/pretrain-mini-full.json', 'utf8'));
 * const data = await loadPretrainValidation(config);
 * const { loss } = evaluateMlm(model, data.sequences, data.options); // the run's last validation loss
 * ```
 */
export async function loadPretrainValidation(
  config: PretrainConfig,
  source?: string,
): Promise<PretrainValidation> {
  const resolved = resolvePretrainConfig(config, source);
  const tokenizer = await getTokenizer(resolved.tokenizer);
  if (tokenizer.vocabSize !== resolved.model.vocabSize)
    throw new RangeError(
      `loadPretrainValidation: the ${resolved.tokenizer} tokenizer has ${tokenizer.vocabSize} tokens, the model config ${resolved.model.vocabSize}`,
    );
  const corpus = await openCorpus(resolved.corpus, { tokenizer });
  const unigram = new UnigramBaseline(await firstSequences(corpus, 'train'), tokenizer.vocabSize, (id) =>
    tokenizer.isSpecial(id),
  );
  return {
    tokenizer,
    sequences: await firstSequences(corpus, 'validation', resolved.evalSequences),
    unigram,
    options: {
      tokenizer,
      seed: resolved.seed,
      batchSize: resolved.batchSize,
      maskProbability: resolved.maskProbability,
      unigram,
    },
  };
}
