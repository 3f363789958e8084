import { jest } from '@jest/globals';
import { Rng } from '@ksub/core';

// The kernel as the browser build assembles it: threads.ts replaced by threads.browser.ts (what
// tools/scripts/build-esm.mjs does for the `browser` export condition).
jest.mock('./threads', () => jest.requireActual('./threads.browser'));

const { defaultThreads, SimdKernel } = jest.requireActual<typeof import('./simd-kernel')>('./simd-kernel');

describe('SimdKernel with the browser threads module', () => {
  it('defaults to the calling thread alone and refuses more', () => {
    expect(defaultThreads()).toBe(1);
    expect(SimdKernel.create().threads).toBe(1);
    expect(() => SimdKernel.create({ threads: 2 })).toThrow(
      'SimdKernel.create: threads must be 1 in a browser (no worker threads); got 2',
    );
  });

  it('computes X·Yᵀ on the calling thread, equal to the float64 reference to f32 rounding', () => {
    const [m, n, d] = [37, 29, 70];
    const rng = Rng.fromSeed(3);
    const xs = Float32Array.from({ length: m * d }, () => rng.nextNormal());
    const ys = Float32Array.from({ length: n * d }, () => rng.nextNormal());
    const kernel = SimdKernel.create();
    const x = kernel.base;
    const y = x + m * d * 4;
    const out = y + n * d * 4;
    kernel.ensure(out + m * n * 4 - kernel.base);
    kernel.f32(x, m * d).set(xs);
    kernel.f32(y, n * d).set(ys);
    kernel.batchGemmNT(x, y, out, 1, m, n, d);
    const got = kernel.f32(out, m * n);
    let worst = 0;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += (xs[i * d + t] as number) * (ys[j * d + t] as number);
        worst = Math.max(worst, Math.abs((got[i * n + j] as number) - s));
      }
    expect(worst).toBeLessThan(1e-4);
  });
});
