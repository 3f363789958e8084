import { useLiteInputs } from './use-lite-inputs';

describe('useLiteInputs', () => {
  it('lays out (sentence, position) pairs and ids sentence after sentence', () => {
    const inputs = useLiteInputs([[9, 100], Int32Array.of(200), [0, 8001, 7]]);
    expect(Array.from(inputs.indices)).toEqual([0, 0, 0, 1, 1, 0, 2, 0, 2, 1, 2, 2]);
    expect(Array.from(inputs.values)).toEqual([9, 100, 200, 0, 8001, 7]);
    expect([inputs.tokens, inputs.batch]).toEqual([6, 3]);
  });

  it.each([
    ['no sentences', [], RangeError, 'useLiteInputs: ids must hold at least one sentence; got []'],
    [
      'an empty sentence',
      [[1], []],
      RangeError,
      'useLiteInputs: ids[1] must hold at least one token; got none',
    ],
    [
      'an id past the table',
      [[1, 8002]],
      RangeError,
      'useLiteInputs: ids[0][1] must be an integer in [0, 8001]; got 8002',
    ],
    ['a negative id', [[-1]], RangeError, 'useLiteInputs: ids[0][0] must be an integer in [0, 8001]; got -1'],
    [
      'a fractional id',
      [[1.5]],
      RangeError,
      'useLiteInputs: ids[0][0] must be an integer in [0, 8001]; got 1.5',
    ],
    [
      'a sentence that is a string',
      ['abc'],
      TypeError,
      'useLiteInputs: ids[0] must be a list of token ids; got "abc"',
    ],
    ['a string', 'abc', TypeError, 'useLiteInputs: ids must be a list of id lists; got "abc"'],
  ])('rejects %s', (_, ids, ErrorType, message) => {
    expect(() => useLiteInputs(ids as never)).toThrow(ErrorType);
    expect(() => useLiteInputs(ids as never)).toThrow(message);
  });
});
