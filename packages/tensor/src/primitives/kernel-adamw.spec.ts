import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';
import { KernelAdamW } from './kernel-adamw';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('KernelAdamW', () => {
  it('updates p, m and v by the AdamW formulas, written out in float64 (decay on the first parameter only)', async () => {
    const p0 = [0.5, -1.25, 2, 0.75, -0.1]; // five values: four SIMD lanes and one scalar tail
    const params = [tf.variable(tf.tensor1d(p0)), tf.variable(tf.tensor2d([[1, -2]]))];
    const moments = KernelAdamW.create([5, 2]);
    expect(moments).not.toBeNull();
    const grads = [tf.tensor1d([0.1, -0.2, 0.3, 0, 4]), tf.tensor2d([[-0.5, 0.25]])];
    const hyper = { lr: 0.01, step: 1, beta1: 0.9, beta2: 0.98, epsilon: 1e-6, weightDecay: [0.1, 0] };
    moments?.update(params, grads, hyper);
    const g = await (grads[0] as tf.Tensor).data();
    p0.forEach((p, i) => {
      const gi = g[i] as number;
      const m = 0.1 * gi;
      const v = 0.02 * gi * gi;
      const want = p * (1 - 0.01 * 0.1) - (0.01 * (m / 0.1)) / (Math.sqrt(v / 0.02) + 1e-6);
      expect(moments?.firstMoment(0)[i]).toBeCloseTo(m, 6);
      expect(moments?.secondMoment(0)[i]).toBeCloseTo(v, 6);
      expect(params[0]?.dataSync()[i]).toBeCloseTo(want, 6);
    });
    // no decay on the second: p − lr · sign(g) at step 1 (m̂ = g, v̂ = g²)
    expect(Array.from((params[1] as tf.Variable).dataSync())).toEqual([
      expect.closeTo(1.01, 6),
      expect.closeTo(-2.01, 6),
    ]);
    await moments?.dispose();
  });

  it('names bad input', async () => {
    expect(() => KernelAdamW.create([3, -1])).toThrow(
      'KernelAdamW.create: sizes[1] must be a non-negative integer; got -1',
    );
    const moments = KernelAdamW.create([3]);
    const p = tf.variable(tf.zeros([4]));
    expect(() =>
      moments?.update([p], [tf.zeros([4])], {
        lr: 1,
        step: 1,
        beta1: 0.9,
        beta2: 0.9,
        epsilon: 1,
        weightDecay: [0],
      }),
    ).toThrow('KernelAdamW.update: params[0] and grads[0] must hold 3 values; got 4 and 4');
    expect(() =>
      moments?.update([], [], { lr: 1, step: 1, beta1: 0.9, beta2: 0.9, epsilon: 1, weightDecay: [] }),
    ).toThrow('KernelAdamW.update: params and grads must hold 1 tensors; got 0 and 0');
    expect(() => moments?.firstMoment(1)).toThrow('KernelAdamW: index must be an integer in [0, 1); got 1');
    await moments?.dispose();
  });
});
