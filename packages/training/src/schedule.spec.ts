import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ksub/tensor';
import { clipByGlobalNorm } from './clip-gradients';
import { linearWarmupDecay } from './schedule';

describe('linearWarmupDecay', () => {
  it('rises linearly to the peak, then falls linearly to 0 (hand-derived)', () => {
    // peak 1, warmup 4, total 10: 0.25, 0.5, 0.75, 1, then (10 − u) / 6
    const lrs = Array.from({ length: 10 }, (_, i) => linearWarmupDecay(1, 4, 10, i + 1));
    const expected = [0.25, 0.5, 0.75, 1, 5 / 6, 4 / 6, 3 / 6, 2 / 6, 1 / 6, 0];
    lrs.forEach((lr, i) => expect(lr).toBeCloseTo(expected[i] as number, 12));
    expect(linearWarmupDecay(2, 0, 4, 1)).toBeCloseTo(1.5, 12);
  });

  it('names bad input', () => {
    expect(() => linearWarmupDecay(1, 11, 10, 1)).toThrow('warmup');
    expect(() => linearWarmupDecay(1, 1, 10, 0)).toThrow('update');
    expect(() => linearWarmupDecay(0, 1, 10, 1)).toThrow('peak must be a positive number; got 0');
  });
});

describe('clipByGlobalNorm', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm', log: null });
  });

  it('measures the norm over all gradients and scales them to maxNorm (3-4-12 → 13)', () => {
    const grads = [tf.tensor1d([3, 4]), tf.tensor1d([12])];
    const { grads: clipped, norm } = clipByGlobalNorm(grads, 6.5);
    expect(norm).toBeCloseTo(13, 5);
    expect(Array.from(clipped[0]?.dataSync() ?? [])).toEqual([expect.closeTo(1.5, 5), expect.closeTo(2, 5)]);
    expect(Array.from(clipped[1]?.dataSync() ?? [])).toEqual([expect.closeTo(6, 5)]);
    const untouched = clipByGlobalNorm(grads, 20);
    expect(untouched.grads[0]).toBe(grads[0]);
    expect(clipByGlobalNorm(grads, 0).grads[1]).toBe(grads[1]);
  });
});
