import { Rng } from '@ksub/core';
import { DotContext } from './dot-engine';

function randomMatrix(rows: number, cols: number, seed: number): Float32Array {
  const rng = Rng.fromSeed(seed);
  return Float32Array.from({ length: rows * cols }, () => rng.nextNormal());
}

/** Index of the first float whose bits differ between `a` and `b` (−1: none; lengths must match). */
function firstBitDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  const x = new Uint32Array(a.slice().buffer);
  const y = new Uint32Array(b.slice().buffer);
  return x.findIndex((v, i) => v !== y[i]);
}

describe('DotContext engines', () => {
  it.each([
    [37, 768, 13], // odd rows, k not a multiple of 4
    [64, 5, 8], // dim not a multiple of 4
    [1, 3, 1],
  ])('wasm agrees with the js reference on %i rows × %i dims × %i vectors', (n, dim, k) => {
    const data = randomMatrix(n, dim, 1);
    const vectors = randomMatrix(k, dim, 2);
    const wasm = DotContext.create({ backend: 'wasm' }).engine(data, n, dim);
    const js = DotContext.create({ backend: 'js' }).engine(data, n, dim);
    expect(wasm.backend).toBe('wasm');
    expect(js.backend).toBe('js');
    const a = Array.from(wasm.dots(0, n, vectors, k));
    const b = Array.from(js.dots(0, n, vectors, k));
    // f32 sums in a different order: relative error ~ sqrt(dim) · 2^-24
    a.forEach((x, i) => expect(Math.abs(x - (b[i] as number))).toBeLessThan(1e-4 * Math.sqrt(dim) * 4));
  });

  it('computes a block at an offset, hand-checked', () => {
    const data = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12); // 3 rows × 4
    const engine = DotContext.create({ backend: 'wasm' }).engine(data, 3, 4);
    // rows 1..2 against (1,0,0,0) and (1,1,1,1)
    expect(Array.from(engine.dots(1, 2, Float32Array.of(1, 0, 0, 0, 1, 1, 1, 1), 2))).toEqual([5, 26, 9, 42]);
  });

  it('refuses to run an engine that a later one of its context superseded', () => {
    const context = DotContext.create({ backend: 'wasm' });
    const first = context.engine(Float32Array.of(1, 2), 1, 2);
    context.engine(Float32Array.of(3, 4), 1, 2);
    expect(() => first.dots(0, 1, Float32Array.of(1, 1), 1)).toThrow(
      'DotEngine.dots: this engine was superseded by a later one of its DotContext',
    );
  });

  it('keeps small data on the calling thread, and one thread when asked for one', () => {
    const small = DotContext.create({ backend: 'wasm', threads: 2 });
    expect(small.engine(new Float32Array(100 * 8), 100, 8).threads).toBe(1);
    expect(
      DotContext.create({ backend: 'wasm', threads: 1 }).engine(new Float32Array(1 << 18), 1 << 12, 64)
        .threads,
    ).toBe(1);
    small.dispose();
  });

  describe('with 2 threads (the worker ready before the first product)', () => {
    const shared = DotContext.create({ backend: 'wasm', threads: 2 });
    const single = DotContext.create({ backend: 'wasm', threads: 1 });
    afterAll(() => {
      shared.dispose();
      single.dispose();
    });

    it('starts its worker', async () => {
      expect(await shared.ready()).toBe(1);
    });

    it.each([
      [1001, 30, 10], // odd rows, dim and k off the 4-lane and 2 × 4 register grid
      [1024, 768, 100], // the Lloyd shape at 768 dims
      [2500, 64, 1], // the first k-means++ pass
      [257, 7, 6], // k-means++ candidates
    ])(
      'gives every product bit for bit as 1 thread does: %i rows × %i dims × %i vectors',
      async (n, dim, k) => {
        expect(await shared.ready()).toBe(1);
        const data = randomMatrix(n, dim, 3);
        const vectors = randomMatrix(k, dim, 4);
        const two = shared.engine(data, n, dim);
        const one = single.engine(data, n, dim);
        expect(two.threads).toBe(2);
        expect(one.threads).toBe(1);
        // a few thousand rows per block on 2 threads, 256 on one: blocks differ, products must not
        expect(two.blockRows(k)).toBeGreaterThanOrEqual(one.blockRows(k));
        // copies: each engine's output is a view into its own kernel's memory
        expect(firstBitDifference(two.dots(0, n, vectors, k).slice(), one.dots(0, n, vectors, k))).toBe(-1);
        expect(
          firstBitDifference(two.dots(1, n - 1, vectors, k).slice(), one.dots(1, n - 1, vectors, k)),
        ).toBe(-1);
      },
    );
  });
});
