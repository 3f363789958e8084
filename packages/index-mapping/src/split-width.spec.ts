import { splitWidth } from './split-width';

describe('splitWidth', () => {
  it.each([
    [512, 3, [171, 171, 170]],
    [512, 2, [256, 256]],
    [512, 6, [86, 86, 85, 85, 85, 85]],
    [10, 4, [3, 3, 2, 2]],
    [5, 5, [1, 1, 1, 1, 1]],
    [7, 1, [7]],
  ])('splitWidth(%i, %i) = %p', (d, k, widths) => {
    expect(splitWidth(d, k)).toEqual(widths);
  });

  it('always sums to d with widths differing by at most one', () => {
    for (let d = 1; d <= 64; d++) {
      for (let k = 1; k <= d; k++) {
        const w = splitWidth(d, k);
        expect(w.reduce((a, b) => a + b, 0)).toBe(d);
        expect(Math.max(...w) - Math.min(...w)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('rejects k > d and non-integers', () => {
    expect(() => splitWidth(4, 5)).toThrow(
      new RangeError('splitWidth: k must be <= d = 4 (each table needs a column); got 5'),
    );
    expect(() => splitWidth(4.5, 2)).toThrow('splitWidth: d must be an integer >= 1; got 4.5');
  });
});
