import type { TextCodec } from './codec';
import { robertaLayout } from './id-layout';
import { LayeredTokenizer } from './layered-tokenizer';

// A toy codec: one id per letter a–j (a = 0 … j = 9).
const letters: TextCodec = {
  size: 10,
  encode: (text) => [...text].map((ch) => ch.charCodeAt(0) - 97),
  decode: (ids) => ids.map((id) => String.fromCharCode(97 + id)).join(''),
  tokens: () => [...'abcdefghij'],
};
const tok = new LayeredTokenizer({
  name: 'toy',
  filesHash: 'abcdef0123456789ff',
  codec: letters,
  layout: robertaLayout(10),
});
// layout: <s>=0 <pad>=1 </s>=2 <unk>=3, a..j = 4..13, <mask>=14

describe('LayeredTokenizer', () => {
  it('wraps a sequence as <s> … </s> with codec ids shifted by 4', () => {
    expect(Array.from(tok.encode('abc'))).toEqual([0, 4, 5, 6, 2]);
    expect(Array.from(tok.encode('abc', { addSpecialTokens: false }))).toEqual([4, 5, 6]);
  });

  it('lays out pairs as <s> A </s></s> B </s>', () => {
    expect(Array.from(tok.encodePair('ab', 'c'))).toEqual([0, 4, 5, 2, 2, 6, 2]);
  });

  it('truncates a single sequence at the end, keeping the special tokens', () => {
    expect(Array.from(tok.encode('abcdef', { maxLength: 5 }))).toEqual([0, 4, 5, 6, 2]);
    expect(Array.from(tok.encode('ab', { maxLength: 5 }))).toEqual([0, 4, 5, 2]);
  });

  it('truncates pairs longest first', () => {
    // budget 8 − 4 specials = 4 tokens: (6, 2) → A is longer four times → (2, 2)
    expect(Array.from(tok.encodePair('abcdef', 'gh', { maxLength: 8 }))).toEqual([0, 4, 5, 2, 2, 10, 11, 2]);
    // (3, 3) into 4: A first on ties → (2, 2)
    expect(Array.from(tok.encodePair('abc', 'def', { maxLength: 8 }))).toEqual([0, 4, 5, 2, 2, 7, 8, 2]);
  });

  it('decodes codec runs and writes special tokens unless skipped', () => {
    expect(tok.decode([0, 4, 5, 2, 2, 6, 2])).toBe('<s>ab</s></s>c</s>');
    expect(tok.decode([0, 4, 14, 5, 2], { skipSpecialTokens: true })).toBe('ab');
  });

  it('lists the vocabulary by id and knows its special ids', () => {
    expect(tok.vocab()).toEqual(['<s>', '<pad>', '</s>', '<unk>', ...'abcdefghij', '<mask>']);
    expect(tok.vocabSize).toBe(15);
    expect([0, 1, 2, 3, 14].every((id) => tok.isSpecial(id))).toBe(true);
    expect(tok.isSpecial(4)).toBe(false);
    expect(tok.id).toBe('toy@abcdef0123456789:roberta:10:15:');
  });

  it('rejects bad arguments, naming them', () => {
    expect(() => tok.encode('abc', { maxLength: 2 })).toThrow(
      new RangeError('toy.encode: options.maxLength must be an integer >= 3; got 2'),
    );
    expect(() => tok.encodePair('a', 'b', { maxLength: 5 })).toThrow(
      'toy.encodePair: options.maxLength must be an integer >= 6; got 5',
    );
    expect(() => tok.encode(7 as unknown as string)).toThrow(
      new TypeError('toy.encode: text must be a string; got 7'),
    );
    expect(() => tok.decode([4, 15])).toThrow(
      new RangeError('toy.decode: ids[1] must be an integer in [0, 14]; got 15'),
    );
    expect(() => tok.decode([1.5])).toThrow('toy.decode: ids[0] must be an integer in [0, 14]; got 1.5');
  });
});
