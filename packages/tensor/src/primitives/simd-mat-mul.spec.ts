import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';
import { simdKernel, simdMatMul } from './simd-mat-mul';
import { withBackend } from './with-backend';

const flat = async (t: tf.Tensor): Promise<number[]> => Array.from(await t.data());

function close(actual: number[], expected: number[], tol = 1e-4): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  actual.forEach(
    (v, i) =>
      (worst = Math.max(
        worst,
        Math.abs(v - (expected[i] as number)) / Math.max(1, Math.abs(expected[i] as number)),
      )),
  );
  expect(worst).toBeLessThanOrEqual(tol);
}

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
  // let the kernel's worker start, so products are really split across threads
  const kernel = simdKernel();
  for (let i = 0; i < 500 && kernel !== null && kernel.readyWorkers < kernel.threads - 1; i++)
    await new Promise((r) => setTimeout(r, 10));
});

/** Value and both gradients of sum(op(a)·op(b) ⊙ W) for a fixed weight W. */
function probe(
  mm: (a: tf.Tensor, b: tf.Tensor, tA: boolean, tB: boolean) => tf.Tensor,
  tA: boolean,
  tB: boolean,
) {
  return async (a: tf.Tensor, b: tf.Tensor) => {
    const out = mm(a, b, tA, tB);
    const weight = tf.reshape(tf.range(1, out.size + 1, 1), out.shape);
    const loss = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(mm(x, y, tA, tB), weight));
    const [da, db] = tf.grads(loss)([a, b]) as [tf.Tensor, tf.Tensor];
    return { shape: out.shape, value: await flat(out), da: await flat(da), db: await flat(db) };
  };
}

describe('simdMatMul', () => {
  // batch [2, 3] (rank 4, attention's [batch, heads, …]); m 5, d 6, n 7: odd sizes on purpose
  const cases: [string, number[], number[]][] = [
    ['ff', [2, 3, 5, 6], [2, 3, 6, 7]],
    ['ft', [2, 3, 5, 6], [2, 3, 7, 6]],
    ['tf', [2, 3, 6, 5], [2, 3, 6, 7]],
    ['tt', [2, 3, 6, 5], [2, 3, 7, 6]],
    ['ff', [33, 70], [70, 9]], // rank 2, more rows than one tile
  ];
  it.each(cases)(
    'flags %s, a %j, b %j: value and gradients equal tf.matMul on cpu',
    async (flags, sa, sb) => {
      const tA = flags[0] === 't';
      const tB = flags[1] === 't';
      const a = tf.randomNormal(sa, 0, 1, 'float32', 1);
      const b = tf.randomNormal(sb, 0, 1, 'float32', 2);
      const reference = await withBackend('cpu', () =>
        probe((x, y, p, q) => tf.matMul(x, y, p, q), tA, tB)(a, b),
      );
      const simd = await probe(simdMatMul, tA, tB)(a, b);
      expect(simd.shape).toEqual(reference.shape);
      close(simd.value, reference.value);
      close(simd.da, reference.da);
      close(simd.db, reference.db);
    },
  );

  it('multiplies a batched input by a rank-2 weight like a dense layer, gradients included', async () => {
    const a = tf.randomNormal([3, 4, 8], 0, 1, 'float32', 3);
    const w = tf.randomNormal([8, 5], 0, 1, 'float32', 4);
    const reference = await withBackend('cpu', () =>
      probe((x, y) => tf.reshape(tf.matMul(tf.reshape(x, [12, 8]), y), [3, 4, 5]), false, false)(a, w),
    );
    const simd = await probe(simdMatMul, false, false)(a, w);
    expect(simd.shape).toEqual([3, 4, 5]);
    close(simd.value, reference.value);
    close(simd.da, reference.da);
    close(simd.db, reference.db);
  });

  it('hand-checked 2 × 2 product', async () => {
    const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const b = tf.tensor2d([5, 6, 7, 8], [2, 2]);
    expect(await flat(simdMatMul(a, b))).toEqual([19, 22, 43, 50]);
    expect(await flat(simdMatMul(a, b, true, false))).toEqual([26, 30, 38, 44]);
  });

  it('leaks no tensors', () => {
    const a = tf.randomNormal([2, 3, 4]);
    const b = tf.randomNormal([2, 4, 3]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++)
      tf.tidy(() => {
        tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(simdMatMul(x, y)))([a, b]); // disposed by tidy
      });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the bad argument', () => {
    const a = tf.zeros([2, 3]);
    expect(() => simdMatMul(a, tf.zeros([4, 5]))).toThrow(
      'inner dimensions differ: a [2,3] (transposeA false) has 3',
    );
    expect(() => simdMatMul(tf.zeros([2, 3], 'int32'), a)).toThrow('a must be float32; got int32');
    expect(() => simdMatMul(tf.zeros([3]), a)).toThrow('a must have rank ≥ 2; got shape [3]');
    expect(() => simdMatMul(tf.zeros([2, 2, 3]), tf.zeros([3, 3, 2]), true, false)).toThrow(
      'same batch dimensions',
    );
  });
});

describe('simdKernel', () => {
  it('is null under a backend whose tensors live on a device, and the kernel under host backends', async () => {
    // A backend of another name (here the cpu implementation, registered as a stand-in for webgl):
    // only the name decides, so ops under it must not pull tensors into the kernel.
    const { MathBackendCPU } = await import('@tensorflow/tfjs-backend-cpu');
    tf.registerBackend('ksub-test-device', () => new MathBackendCPU(), -1);
    try {
      expect(await withBackend('ksub-test-device', () => simdKernel())).toBeNull();
      expect(await withBackend('cpu', () => simdKernel())).not.toBeNull();
      expect(await withBackend('wasm', () => simdKernel())).not.toBeNull();
    } finally {
      tf.removeBackend('ksub-test-device');
    }
  });
});
