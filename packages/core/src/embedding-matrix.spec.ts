import { createEmbeddingMatrix, matrixRow } from './embedding-matrix';

describe('createEmbeddingMatrix', () => {
  it('wraps row-major data and exposes rows as views', () => {
    const m = createEmbeddingMatrix(2, 3, Float32Array.of(1, 2, 3, 4, 5, 6));
    expect(Array.from(matrixRow(m, 1))).toEqual([4, 5, 6]);
    matrixRow(m, 0)[0] = 9;
    expect(m.data[0]).toBe(9);
  });

  it('zero-fills when no data is given', () => {
    expect(Array.from(createEmbeddingMatrix(1, 2).data)).toEqual([0, 0]);
  });

  it('rejects data of the wrong size or type and bad row indices', () => {
    expect(() => createEmbeddingMatrix(2, 2, new Float32Array(3))).toThrow(
      new RangeError('createEmbeddingMatrix: data must hold rows·cols = 4 values; got 3'),
    );
    expect(() => createEmbeddingMatrix(1, 1, [1] as unknown as Float32Array)).toThrow(TypeError);
    expect(() => createEmbeddingMatrix(0, 1)).toThrow(
      'createEmbeddingMatrix: rows must be an integer >= 1; got 0',
    );
    expect(() => matrixRow(createEmbeddingMatrix(2, 2), 2)).toThrow(
      'matrixRow: i must be an integer in [0, 1]; got 2',
    );
  });
});
