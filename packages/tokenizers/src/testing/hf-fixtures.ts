import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** RoBERTa's special tokens as a tokenizer.json `added_tokens` list, ids from `idOf`. */
function addedSpecials(idOf: (content: string) => number | undefined) {
  return ['<s>', '<pad>', '</s>', '<unk>', '<mask>'].map((content) => ({
    id: idOf(content),
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
}

/** Characters both fixture vocabularies cover (enough to spell RoBERTa's special tokens). */
const CHARS = [...'lowerxy<>/maskpdun'];

/**
 * Writes a small hand-made `tokenizer.json` + `tokenizer_config.json` in roberta-base's format
 * (byte-level BPE, RoBERTa post-processor, specials `<s> <pad> </s> <unk>` first, `<mask>` last)
 * into `dir`. Ids: `<s>`=0 … `<unk>`=3, then one id per character of `lowerxy<>/maskpdun` and
 * `Ġ`, then `lo`, `low`, `er`, `Ġlow`, then `<mask>`. For tests of the loader.
 *
 * @returns the token → id map written
 */
export async function writeRobertaStyleFixture(dir: string): Promise<Record<string, number>> {
  const pieces = [
    '<s>',
    '<pad>',
    '</s>',
    '<unk>',
    ...new Set([...CHARS, 'Ġ']),
    'lo',
    'low',
    'er',
    'Ġlow',
    '<mask>',
  ];
  const vocab = Object.fromEntries(pieces.map((p, id) => [p, id]));
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedSpecials((c) => vocab[c]),
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: {
      type: 'RobertaProcessing',
      sep: ['</s>', 2],
      cls: ['<s>', 0],
      trim_offsets: true,
      add_prefix_space: false,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges: ['l o', 'lo w', 'e r', 'Ġ low'],
    },
  };
  const config = {
    bos_token: '<s>',
    eos_token: '</s>',
    sep_token: '</s>',
    cls_token: '<s>',
    unk_token: '<unk>',
    pad_token: '<pad>',
    mask_token: {
      content: '<mask>',
      lstrip: true,
      normalized: false,
      rstrip: false,
      single_word: false,
      special: true,
    },
    tokenizer_class: 'RobertaTokenizer',
    model_max_length: 512,
  };
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(json));
  await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(config));
  return vocab;
}

/**
 * Writes a small hand-made `tokenizer.json` in xlm-roberta-base's format (SentencePiece Unigram,
 * Metaspace `▁`, `unk_id` 3, specials `<s> <pad> </s> <unk>` first and `<mask>` last) into `dir`,
 * with no `tokenizer_config.json` (RoBERTa's token names are the defaults). Pieces: the specials,
 * `▁low` (4), `er` (5), `▁` (6), then one piece per character of `lowerxy<>/maskpdun`, `<mask>` last.
 *
 * @returns the piece list written (index = id)
 */
export async function writeXlmrStyleFixture(dir: string): Promise<string[]> {
  const pieces = ['<s>', '<pad>', '</s>', '<unk>', '▁low', 'er', '▁', ...new Set(CHARS), '<mask>'];
  const score = (p: string): number =>
    p.startsWith('<') && p.length > 1 ? 0 : p === '▁low' ? -1 : p === 'er' ? -1.5 : p === '▁' ? -3 : -4;
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedSpecials((c) => pieces.indexOf(c)),
    normalizer: null,
    pre_tokenizer: {
      type: 'Metaspace',
      replacement: '▁',
      add_prefix_space: true,
      prepend_scheme: 'always',
      split: true,
    },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '<s>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      pair: [],
      special_tokens: {},
    },
    decoder: {
      type: 'Metaspace',
      replacement: '▁',
      add_prefix_space: true,
      prepend_scheme: 'always',
      split: true,
    },
    model: { type: 'Unigram', unk_id: 3, vocab: pieces.map((p) => [p, score(p)]), byte_fallback: false },
  };
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(json));
  return pieces;
}
