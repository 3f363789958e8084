import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';
import { addLayerNorm, compositeAddLayerNorm } from './add-layer-norm';
import { expectClose, flat } from './testing-close';
import { withBackend } from './with-backend';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('addLayerNorm', () => {
  it.each([
    [5, 7, true], // columns not a multiple of 4
    [600, 128, true], // large enough for the kernel to split rows across threads
    [9, 16, false], // plain LayerNorm
  ])(
    'value and gradients on %i × %i (residual %p) equal the composite TF.js ops on cpu',
    async (rows, cols, withResidual) => {
      const x = tf.add(tf.mul(tf.randomNormal([rows, cols], 0, 1, 'float32', 1), 2), 1) as tf.Tensor2D;
      const residual = tf.randomNormal([rows, cols], 0, 1, 'float32', 2) as tf.Tensor2D;
      const gamma = tf.randomNormal([cols], 1, 0.2, 'float32', 3) as tf.Tensor1D;
      const beta = tf.randomNormal([cols], 0, 0.2, 'float32', 4) as tf.Tensor1D;
      const weight = tf.randomNormal([rows, cols], 0, 1, 'float32', 5);
      const inputs = withResidual ? [x, residual, gamma, beta] : [x, gamma, beta];
      const loss =
        (op: typeof addLayerNorm) =>
        (...t: tf.Tensor[]) =>
          withResidual
            ? tf.sum(
                tf.mul(
                  op(
                    t[0] as tf.Tensor2D,
                    t[1] as tf.Tensor2D,
                    t[2] as tf.Tensor1D,
                    t[3] as tf.Tensor1D,
                    1e-5,
                  ),
                  weight,
                ),
              )
            : tf.sum(
                tf.mul(op(t[0] as tf.Tensor2D, null, t[1] as tf.Tensor1D, t[2] as tf.Tensor1D, 1e-5), weight),
              );
      const expected = await withBackend('cpu', async () => ({
        value: await flat(compositeAddLayerNorm(x, withResidual ? residual : null, gamma, beta, 1e-5)),
        grads: await Promise.all(tf.grads(loss(compositeAddLayerNorm))(inputs).map(flat)),
      }));
      expectClose(
        await flat(addLayerNorm(x, withResidual ? residual : null, gamma, beta, 1e-5)),
        expected.value,
        1e-5,
      );
      const grads = await Promise.all(tf.grads(loss(addLayerNorm))(inputs).map(flat));
      expect(grads).toHaveLength(inputs.length);
      grads.forEach((g, i) =>
        expectClose(g, expected.grads[i] as number[], i < grads.length - 2 ? 1e-5 : 1e-5 * rows),
      );
    },
  );

  it('names bad input', () => {
    const x = tf.zeros([2, 3]) as tf.Tensor2D;
    const row = tf.zeros([3]) as tf.Tensor1D;
    expect(() => addLayerNorm(x, tf.zeros([3, 2]) as tf.Tensor2D, row, row, 1e-5)).toThrow(
      "addLayerNorm: residual must be null or float32 [2, 3] (x's shape); got float32 [3, 2]",
    );
    expect(() => addLayerNorm(x, null, tf.zeros([2]) as tf.Tensor1D, row, 1e-5)).toThrow(
      "addLayerNorm: gamma must be float32 [3] (x's columns); got float32 [2]",
    );
    expect(() => addLayerNorm(x, null, row, row, 0)).toThrow('addLayerNorm: eps must be > 0; got 0');
  });
});
