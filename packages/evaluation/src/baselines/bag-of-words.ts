import type { Example } from '../tasks/task';
import type { SparseRows } from './sparse-rows';

/** A word: letters and digits, with inner apostrophes (`don't`, `o'clock`). */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/**
 * Lowercased words of a text, in order: runs of letters and digits (any script), apostrophes kept
 * inside a word; punctuation and whitespace separate words and are dropped.
 *
 * @example
 * ```ts
 * tokenizeWords("Don't buy THIS, 10/10!"); // ["don't", 'buy', 'this', '10', '10']
 * ```
 */
export function tokenizeWords(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Options of the bag-of-words features. */
export interface BagOfWordsOptions {
  /** Also use pairs of adjacent words (default false). */
  readonly bigrams?: boolean;
}

/** The distinct features (unigrams, and bigrams if asked) of one example; a pair's second text prefixed `2:`. */
function features(example: Example, bigrams: boolean): Set<string> {
  const out = new Set<string>();
  const add = (text: string, prefix: string) => {
    const words = tokenizeWords(text);
    words.forEach((w, i) => {
      out.add(prefix + w);
      if (bigrams && i > 0) out.add(`${prefix}${words[i - 1]} ${w}`);
    });
  };
  add(example.text, '');
  if (example.textPair !== undefined) add(example.textPair, '2:');
  return out;
}

/**
 * The vocabulary of a training split: feature → column, in order of first occurrence (so a
 * function of the examples and their order).
 *
 * @example
 * ```ts
 * bagOfWordsVocabulary([{ text: 'a b', label: 0 }, { text: 'b c', label: 1 }]); // a → 0, b → 1, c → 2
 * ```
 */
export function bagOfWordsVocabulary(
  train: readonly Example[],
  options: BagOfWordsOptions = {},
): Map<string, number> {
  const vocabulary = new Map<string, number>();
  for (const example of train)
    for (const feature of features(example, options.bigrams ?? false))
      if (!vocabulary.has(feature)) vocabulary.set(feature, vocabulary.size);
  return vocabulary;
}

/**
 * Binary bag-of-words features of examples over a vocabulary: row i has a 1 in the column of every
 * feature example i contains; features outside the vocabulary (unseen in train) are dropped.
 *
 * @example
 * ```ts
 * const vocabulary = bagOfWordsVocabulary(train);
 * const x = bagOfWordsFeatures(test, vocabulary); // x.numCols === vocabulary.size
 * ```
 */
export function bagOfWordsFeatures(
  examples: readonly Example[],
  vocabulary: ReadonlyMap<string, number>,
  options: BagOfWordsOptions = {},
): SparseRows {
  const rowPtr = new Int32Array(examples.length + 1);
  const cols: number[] = [];
  examples.forEach((example, i) => {
    const row: number[] = [];
    for (const feature of features(example, options.bigrams ?? false)) {
      const col = vocabulary.get(feature);
      if (col !== undefined) row.push(col);
    }
    row.sort((a, b) => a - b);
    cols.push(...row);
    rowPtr[i + 1] = cols.length;
  });
  return { rowPtr, cols: Int32Array.from(cols), numCols: vocabulary.size };
}
