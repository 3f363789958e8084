import { assert, assertInteger, describe as describeValue } from './assert';

describe('assert', () => {
  it('builds the message only on failure', () => {
    const message = jest.fn(() => 'never');
    assert(true, message);
    expect(message).not.toHaveBeenCalled();
  });

  it('throws the requested error type with the built message', () => {
    expect(() => assert(false, () => 'f: x must be positive; got -1', RangeError)).toThrow(
      new RangeError('f: x must be positive; got -1'),
    );
  });
});

describe('describe', () => {
  it.each([
    [-0, '-0'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['ab', '"ab"'],
    [null, 'null'],
    [undefined, 'undefined'],
    [[1, 2], '[1, 2]'],
    [new Int32Array(3), 'Int32Array(length 3)'],
    [{ a: 1 }, '{"a":1}'],
  ])('renders %p as %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });

  it('shortens long arrays', () => {
    expect(describeValue([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe('[1, 2, 3, 4, 5, 6, 7, 8, … (10 items)]');
  });
});

describe('assertInteger', () => {
  it('accepts integers within bounds, inclusive', () => {
    expect(() => assertInteger('f', 'n', 1, { min: 1, max: 1 })).not.toThrow();
  });

  it('rejects a non-number with a TypeError naming function, argument and value', () => {
    expect(() => assertInteger('f', 'n', '3')).toThrow(new TypeError('f: n must be a number; got "3"'));
  });

  it.each([
    [Number.NaN, 'f: n must be an integer >= 1; got NaN'],
    [2.5, 'f: n must be an integer >= 1; got 2.5'],
    [0, 'f: n must be an integer >= 1; got 0'],
    [2 ** 60, `f: n must be an integer >= 1; got ${2 ** 60}`],
  ])('rejects %p with a RangeError', (value, message) => {
    expect(() => assertInteger('f', 'n', value, { min: 1 })).toThrow(new RangeError(message));
  });

  it('names both bounds when both are given', () => {
    expect(() => assertInteger('f', 'k', 9, { min: 1, max: 8 })).toThrow(
      'f: k must be an integer in [1, 8]; got 9',
    );
  });
});
