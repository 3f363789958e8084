import { createHash } from 'node:crypto';
import { assert, assertInteger, type TextDocument } from '@ksub/core';

/** Options of {@link sampleSentences}. */
export interface SentenceSampleOptions {
  /** Sentences to return. */
  readonly count: number;
  /** Fewest words a kept sentence has (default 4). */
  readonly minWords?: number;
  /** Most words a kept sentence has (default 40, well inside USE-lite's 128 tokens). */
  readonly maxWords?: number;
  /** Salt of the hash that orders sentences (default 'use-lite'). */
  readonly salt?: string;
}

const key = (salt: string, text: string) => createHash('sha256').update(`${salt}\n${text}`).digest('hex');

/**
 * A deterministic sample of distinct sentences from documents: every document is cut into
 * sentences by `Intl.Segmenter` (the platform's Unicode sentence rules, no extra dependency) after
 * single line breaks (hard wraps) are joined, whitespace is collapsed, sentences of `minWords`–`maxWords` words are kept once each, and the
 * `count` with the smallest SHA-256 keys are returned in key order — the same sentences on every
 * machine, spread over all documents rather than taken from the first.
 *
 * @returns the sample and how many distinct eligible sentences it was drawn from
 * @throws RangeError naming `count` when fewer eligible sentences exist
 * @example
 * ```ts
 * const { sentences } = await sampleSentences(getCorpus('english-offline').documents(), { count: 5000 });
 * ```
 */
export async function sampleSentences(
  documents: AsyncIterable<TextDocument>,
  options: SentenceSampleOptions,
): Promise<{ readonly sentences: string[]; readonly eligible: number }> {
  const fn = 'sampleSentences';
  const { count, minWords = 4, maxWords = 40, salt = 'use-lite' } = options;
  assertInteger(fn, 'options.count', count, { min: 1 });
  assertInteger(fn, 'options.minWords', minWords, { min: 1 });
  assertInteger(fn, 'options.maxWords', maxWords, { min: minWords });
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const kept = new Map<string, string>();
  for await (const doc of documents) {
    // a single line break is a hard wrap inside a paragraph (Moby Dick, the Brown corpus), not the
    // end of a sentence as UAX #29 would have it; blank lines still end paragraphs
    const unwrapped = doc.text.replace(/(?<!\n)\r?\n(?!\r?\n)/g, ' ');
    for (const { segment } of segmenter.segment(unwrapped)) {
      const text = segment.replace(/\s+/g, ' ').trim();
      const words = text === '' ? 0 : text.split(' ').length;
      if (words < minWords || words > maxWords || kept.has(text)) continue;
      kept.set(text, key(salt, text));
    }
  }
  assert(
    kept.size >= count,
    () =>
      `${fn}: options.count = ${count} exceeds the ${kept.size} distinct sentences of ${minWords}–${maxWords} words`,
    RangeError,
  );
  const sentences = [...kept]
    .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .slice(0, count)
    .map(([text]) => text);
  return { sentences, eligible: kept.size };
}
