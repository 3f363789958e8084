import { checkTokenizerJson } from '../adapters/check-tokenizer-json';
import { hfCodec } from '../adapters/hf-codec';
import { useLiteTokenizerJson } from './use-lite-tokenizer-json';
import type { UseLiteVocab } from './use-lite-vocab';
import { USE_LITE_RESERVED_PIECES } from '../testing/use-lite-reserved';

/** Six reserved ids, then pieces; 'ab' beats 'a' + 'b' (−1 > −0.6 − 0.6), ':' lost its score. */
const VOCAB: UseLiteVocab = [
  ...USE_LITE_RESERVED_PIECES,
  ['\u2581', -0.5],
  ['a', -0.6],
  ['b', -0.6],
  ['ab', -1],
  [':', null],
  ['\u2581ab', -1.1],
];

describe('useLiteTokenizerJson', () => {
  const json = useLiteTokenizerJson(VOCAB);

  it('is a Unigram tokenizer.json with the ids of vocab.json and repaired scores', () => {
    expect(() =>
      checkTokenizerJson(json, (what) => {
        throw new Error(what);
      }),
    ).not.toThrow();
    expect(json.model).toMatchObject({ type: 'Unigram', unk_id: 0, byte_fallback: false });
    expect((json.model.vocab as Array<[string, number]>).map(([p]) => p)).toEqual(VOCAB.map(([p]) => p));
    expect((json.model.vocab as Array<[string, number]>)[10]).toEqual([':', -1.05]);
  });

  it('marks the six reserved ids and <pad>, <mask> after the pieces as special tokens', () => {
    expect(json.added_tokens?.map((t) => [t.id, t.content, t.special])).toEqual([
      [0, '\uFFFD', true],
      [1, '<s>', true],
      [2, '</s>', true],
      [3, 'extra_token_id_1', true],
      [4, 'extra_token_id_2', true],
      [5, 'extra_token_id_3', true],
      [12, '<pad>', true],
      [13, '<mask>', true],
    ]);
  });

  it('segments as the reference does: NFKC, ▁ in front and for spaces, best total score, unknowns fused', async () => {
    const codec = await hfCodec(json);
    // '▁ab' (−1.1) beats '▁' + 'ab' (−1.5) and '▁' + 'a' + 'b' (−1.7)
    expect(codec.encode('ab ab')).toEqual([11, 11]);
    // '▁' + 'b' + 'ab' (−2.1) beats '▁' + 'b' + 'a' + 'b' (−2.3)
    expect(codec.encode('bab')).toEqual([6, 8, 9]);
    // 'c' and 'd' are in no piece: one unknown id for both
    expect(codec.encode('ab cd a')).toEqual([11, 6, 0, 6, 7]);
    // NFKC folds the full-width 'ａ' (U+FF41) into 'a'
    expect(codec.encode('\uFF41')).toEqual([6, 7]);
    expect(codec.size).toBe(14);
  });
});
