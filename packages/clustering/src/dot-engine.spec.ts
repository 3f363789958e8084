import { Rng } from '@ksub/core';
import { createDotEngine } from './dot-engine';

function randomMatrix(rows: number, cols: number, seed: number): Float32Array {
  const rng = Rng.fromSeed(seed);
  return Float32Array.from({ length: rows * cols }, () => rng.nextNormal());
}

describe('createDotEngine', () => {
  it.each([
    [37, 768, 13], // odd rows, k not a multiple of 4
    [64, 5, 8], // dim not a multiple of 4
    [1, 3, 1],
  ])('wasm agrees with the js reference on %i rows × %i dims × %i vectors', (n, dim, k) => {
    const data = randomMatrix(n, dim, 1);
    const vectors = randomMatrix(k, dim, 2);
    const wasm = createDotEngine(data, n, dim, 'wasm');
    const js = createDotEngine(data, n, dim, 'js');
    expect(wasm.backend).toBe('wasm');
    const a = Array.from(wasm.dots(0, n, vectors, k));
    const b = Array.from(js.dots(0, n, vectors, k));
    // f32 sums in a different order: relative error ~ sqrt(dim) · 2^-24
    a.forEach((x, i) => expect(Math.abs(x - (b[i] as number))).toBeLessThan(1e-4 * Math.sqrt(dim) * 4));
  });

  it('computes a block at an offset, hand-checked', () => {
    const data = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12); // 3 rows × 4
    const engine = createDotEngine(data, 3, 4, 'wasm');
    // rows 1..2 against (1,0,0,0) and (1,1,1,1)
    expect(Array.from(engine.dots(1, 2, Float32Array.of(1, 0, 0, 0, 1, 1, 1, 1), 2))).toEqual([5, 26, 9, 42]);
  });
});
