import { describe, expect, it } from '@jest/globals';
import type { TextDocument } from '@ksub/core';
import { sampleSentences } from './sentence-sample';

async function* docs(texts: string[]): AsyncGenerator<TextDocument> {
  for (const [i, text] of texts.entries()) yield { id: `d${i}`, text };
}

const TEXTS = [
  'The first sentence is here. A second  one follows\nacross a line break. Tiny.',
  'Another document starts now. The first sentence is here. It repeats one sentence from above!',
  'Is this a question about sentences? Yes it is a question. Long ' + 'word '.repeat(50).trim() + '.',
];

describe('sampleSentences', () => {
  it('cuts documents into whitespace-collapsed sentences, keeps each once within the word bounds', async () => {
    const { sentences, eligible } = await sampleSentences(docs(TEXTS), { count: 6 });
    // eligible (4–40 words, distinct): 6 — "Tiny." (1 word) and the 51-word sentence are out, the repeat counted once
    expect(eligible).toBe(6);
    expect(new Set(sentences)).toEqual(
      new Set([
        'The first sentence is here.',
        'A second one follows across a line break.',
        'Another document starts now.',
        'It repeats one sentence from above!',
        'Is this a question about sentences?',
        'Yes it is a question.',
      ]),
    );
  });

  it('draws the same sample whatever the document order, and another one with another salt', async () => {
    const a = await sampleSentences(docs(TEXTS), { count: 3 });
    const b = await sampleSentences(docs([...TEXTS].reverse()), { count: 3 });
    expect(b.sentences).toEqual(a.sentences);
    const salted = await Promise.all(
      ['x', 'y', 'z', 'w'].map((salt) => sampleSentences(docs(TEXTS), { count: 3, salt })),
    );
    expect(salted.some((s) => s.sentences.join('|') !== a.sentences.join('|'))).toBe(true);
  });

  it('names count when too few sentences are eligible, and bad bounds', async () => {
    await expect(sampleSentences(docs(TEXTS), { count: 7 })).rejects.toThrow(
      'sampleSentences: options.count = 7 exceeds the 6 distinct sentences of 4–40 words',
    );
    await expect(sampleSentences(docs(TEXTS), { count: 1, minWords: 5, maxWords: 4 })).rejects.toThrow(
      /options\.maxWords/,
    );
  });
});
