import { gloveEntries, type GloveFail, gloveValues, vectorsStart } from './glove-scan';

const fail: GloveFail = (what, at) => {
  throw new Error(`at byte ${at}: ${what}`);
};
const words = (text: string) =>
  [...gloveEntries(Buffer.from(text), vectorsStart(Buffer.from(text)), fail)].map((e) => e.word);

describe('vectorsStart', () => {
  it('finds the vectors object, not the word "vectors" in the word list', () => {
    expect(vectorsStart(Buffer.from('{"words":["vectors"],"vectors": {}}'))).toBe(33);
    expect(vectorsStart(Buffer.from('{"words":["vectors"]}'))).toBe(-1);
  });
});

describe('gloveEntries', () => {
  it('yields each word with the bytes of its vector, decoding escapes', () => {
    const text = '{"vectors":{"a":[1,2],"\\u0062\\"":[3,4]}}';
    const buf = Buffer.from(text);
    const entries = [...gloveEntries(buf, vectorsStart(buf), fail)];
    expect(entries).toEqual([
      { word: 'a', open: text.indexOf('[1'), close: text.indexOf('2]') + 1 },
      { word: 'b"', open: text.indexOf('[3'), close: text.indexOf('4]') + 1 },
    ]);
    expect(words('{"vectors":{}}')).toEqual([]);
  });

  it('rejects a missing separator and a vector that is not a list, naming the byte', () => {
    expect(() => words('{"vectors":{"a":[1] "b":[2]}}')).toThrow(
      'at byte 20: expected , or } after the vector of "a"; got "\\""',
    );
    expect(() => words('{"vectors":{"a":1}}')).toThrow(
      'at byte 16: the vector of "a" does not start with [; got "1"',
    );
    expect(() => words('{"vectors":{"a"[1]}}')).toThrow('at byte 15: expected : after the word "a"; got "["');
  });
});

describe('gloveValues', () => {
  it('parses JSON numbers and counts the vector, norm and index', () => {
    const buf = Buffer.from('[ 1.5, -2e-1,3,0]');
    expect(gloveValues(buf, { word: 'w', open: 0, close: buf.length - 1 }, 2, fail)).toEqual([
      1.5, -0.2, 3, 0,
    ]);
    expect(() => gloveValues(Buffer.from('[]'), { word: 'w', open: 0, close: 1 }, 2, fail)).toThrow(
      'at byte 0: the vector of "w" has 0 numbers; expected 2 (+ norm, index)',
    );
  });
});
