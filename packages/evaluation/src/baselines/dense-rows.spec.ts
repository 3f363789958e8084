import { denseRows, isDenseRows } from './dense-rows';

describe('denseRows', () => {
  it('runs its JSDoc example, wrapping without copying', () => {
    const data = Float32Array.of(1, 0, 0.5, 2);
    const x = denseRows(data, 2, 2);
    expect(x).toEqual({ data, rows: 2, cols: 2 });
    expect(x.data).toBe(data);
    expect(isDenseRows(x)).toBe(true);
    expect(isDenseRows({ rowPtr: Int32Array.of(0), cols: new Int32Array(0), numCols: 2 })).toBe(false);
  });

  it('names bad input', () => {
    expect(() => denseRows([1, 2] as unknown as Float32Array, 1, 2)).toThrow(
      'denseRows: data must be a Float32Array; got [1, 2]',
    );
    expect(() => denseRows(new Float32Array(4), 0, 4)).toThrow(
      'denseRows: rows must be an integer >= 1; got 0',
    );
    expect(() => denseRows(new Float32Array(4), 2, 1.5)).toThrow(
      'denseRows: cols must be an integer >= 1; got 1.5',
    );
    expect(() => denseRows(new Float32Array(5), 2, 2)).toThrow(
      'denseRows: data.length must be rows · cols = 4; got 5',
    );
    expect(() => denseRows(Float32Array.of(0, 1, Number.NaN, 2), 2, 2)).toThrow(
      'denseRows: data[2] (row 1, column 0) must be finite; got NaN',
    );
  });
});
