import type { TextDocument } from '@ksub/core';
import {
  readBrown,
  readMobyDick,
  readStateOfTheUnion,
  readWordnetGlosses,
  untagBrown,
} from './english-offline';

async function collect(source: AsyncIterable<TextDocument>): Promise<TextDocument[]> {
  const out: TextDocument[] = [];
  for await (const doc of source) out.push(doc);
  return out;
}
const words = (docs: TextDocument[]) =>
  docs.reduce((n, d) => n + d.text.split(/\s+/).filter(Boolean).length, 0);
const unique = (docs: TextDocument[]) => new Set(docs.map((d) => d.id)).size === docs.length;

describe('untagBrown', () => {
  it.each([
    ["The/at jury/nn said/vbd ``/`` no/at ''/'' ./.", 'The jury said "no".'],
    ["Atlanta's/np$ recent/jj primary/nn ,/, which/wdt", "Atlanta's recent primary, which"],
    ['(/( see/vb below/rb )/) ;/.', '(see below);'],
  ])('%s → %s', (tagged, text) => {
    expect(untagBrown(tagged)).toBe(text);
  });
});

describe('English offline readers', () => {
  it('reads every State of the Union address with its year', async () => {
    const docs = await collect(readStateOfTheUnion());
    expect(docs.length).toBeGreaterThan(220); // 1790–2021, one a year with gaps
    expect(unique(docs)).toBe(true);
    expect(docs[0]).toMatchObject({
      id: 'sotu/1790_george_washington_n',
      metadata: { year: 1790, president: 'George Washington' },
    });
    expect(docs[0]?.text.startsWith('Fellow-Citizens of the Senate and House of Representatives:')).toBe(
      true,
    );
    expect(words(docs)).toBeGreaterThan(1.5e6);
  });

  it('reads Moby Dick chapter by chapter', async () => {
    const docs = await collect(readMobyDick());
    expect(docs[0]).toMatchObject({ id: 'moby-dick/001', metadata: { chapter: 1 } });
    expect(docs[0]?.text.startsWith('CHAPTER 1. Loomings.')).toBe(true);
    expect(docs.map((d) => d.metadata?.chapter)).toEqual(Array.from({ length: 135 }, (_, i) => i + 1));
    expect(words(docs)).toBeGreaterThan(2e5);
  });

  it('reads the 500 Brown samples without their tags', async () => {
    const docs = await collect(readBrown());
    expect(docs).toHaveLength(500);
    expect(docs[0]?.id).toBe('brown/ca01');
    expect(docs[0]?.text.startsWith('The Fulton County Grand Jury said Friday an investigation of')).toBe(
      true,
    );
    expect(docs.some((d) => /\/(at|nn|vbd)\b/.test(d.text))).toBe(false);
    expect(new Set(docs.map((d) => d.metadata?.genre)).size).toBe(15);
    expect(words(docs)).toBeGreaterThan(1e6);
  });

  it('reads one WordNet gloss per synset', async () => {
    const docs = await collect(readWordnetGlosses());
    expect(docs[0]).toEqual({
      id: 'wordnet/noun/00001740',
      text: 'that which is perceived or known or inferred to have its own distinct existence (living or nonliving)',
      metadata: { pos: 'noun' },
    });
    expect(docs.length).toBeGreaterThan(110000);
    expect(unique(docs)).toBe(true);
  });
});
