import type { HfTokenizerJson } from '../adapters/hf-codec';
import { repairedUseLiteScores, USE_LITE_RESERVED, type UseLiteVocab } from './use-lite-vocab';

/** SentencePiece's word-boundary mark (U+2581). */
const SPACE = '\u2581';

const special = (id: number, content: string) => ({
  id,
  content,
  single_word: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  special: true,
});

/**
 * The Universal Sentence Encoder lite's SentencePiece unigram model as a Hugging Face
 * `tokenizer.json` (`Unigram`), from its `vocab.json`. It tokenizes as the reference JS tokenizer
 * of `@tensorflow-models/universal-sentence-encoder` does: NFKC, a `▁` in front, every space
 * (U+0020 only) turned into `▁`, no splitting into words, then the Viterbi segmentation over the
 * piece scores (repaired where the shipped file broke them: see `repairedUseLiteScores`); a
 * character no piece holds becomes the unknown id 0, and a run of them one id 0. No `<s>`/`</s>`
 * is added (the reference adds none).
 *
 * Ids: `vocab.json`'s index. The six reserved ids (0 `�`, 1 `<s>`, 2 `</s>`,
 * 3–5 `extra_token_id_1…3`) are special tokens. Two more follow the pieces: `<pad>` = n and
 * `<mask>` = n + 1 (8000 and 8001 for the 8,000 shipped pieces). The model's token table has
 * exactly these n + 2 rows and the graph gathers its rows by id with no offset; rows 8000 and 8001
 * are unused slots: they, and only rows 0, 1, 3, 4 and 5 besides, have every value within ±0.125
 * (sd 0.055, as a normal of σ = 1/16 truncated at 2σ), i.e. still their initial values, never
 * updated by training (`</s>` = 2 and all 7,994 pieces were). Naming them gives ksub's
 * `Tokenizer` its pad and mask roles and a vocabulary size equal to the table's row count.
 *
 * @param vocab - the parsed, checked `vocab.json`
 * @example
 * ```ts
 * const json = useLiteTokenizerJson(vocab);
 * await writeFile('tokenizer.json', JSON.stringify(json)); // loads in @huggingface/tokenizers or Rust tokenizers
 * ```
 */
export function useLiteTokenizerJson(vocab: UseLiteVocab): HfTokenizerJson {
  const { scores } = repairedUseLiteScores(vocab);
  const n = vocab.length;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      ...vocab.slice(0, USE_LITE_RESERVED).map(([piece], id) => special(id, piece)),
      special(n, '<pad>'),
      special(n + 1, '<mask>'),
    ],
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFKC' },
        { type: 'Prepend', prepend: SPACE },
        { type: 'Replace', pattern: { String: ' ' }, content: SPACE },
      ],
    },
    pre_tokenizer: null,
    post_processor: null,
    decoder: {
      type: 'Sequence',
      decoders: [
        { type: 'Replace', pattern: { String: SPACE }, content: ' ' },
        { type: 'Fuse' },
        { type: 'Strip', content: ' ', start: 1, stop: 0 },
      ],
    },
    model: {
      type: 'Unigram',
      unk_id: 0,
      byte_fallback: false,
      vocab: vocab.map(([piece], id): [string, number] => [piece, scores[id] as number]),
    },
  };
}
