import { majorityClass } from './majority-class';

describe('majorityClass', () => {
  it.each([
    [[0, 1, 1, 2], 1], // the JSDoc example
    [[2, 2, 0], 2],
    [[1, 0, 0, 1], 0], // a tie goes to the smallest index
    [new Int32Array([3]), 3],
  ])('%j → %i', (labels, expected) => {
    expect(majorityClass(labels)).toBe(expected);
  });

  it('names bad input', () => {
    expect(() => majorityClass([])).toThrow('majorityClass: trainLabels must not be empty; got []');
    expect(() => majorityClass([0, -1])).toThrow(
      'majorityClass: trainLabels[1] must be a non-negative integer; got -1',
    );
    expect(() => majorityClass([0.5])).toThrow(RangeError);
  });
});
