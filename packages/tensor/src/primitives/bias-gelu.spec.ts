import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';
import { biasGelu, compositeBiasGelu } from './bias-gelu';
import { expectClose, flat } from './testing-close';
import { withBackend } from './with-backend';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('biasGelu', () => {
  it.each([
    [5, 7], // columns not a multiple of 4
    [300, 96], // large enough for the kernel to split rows across threads
  ])('value and gradients (z, bias) on %i × %i equal the composite TF.js ops on cpu', async (rows, cols) => {
    const z = tf.mul(tf.randomNormal([rows, cols], 0, 1, 'float32', 1), 3) as tf.Tensor2D;
    const bias = tf.randomNormal([cols], 0, 1, 'float32', 2) as tf.Tensor1D;
    const weight = tf.randomNormal([rows, cols], 0, 1, 'float32', 3); // so the incoming gradient varies
    const loss = (op: typeof biasGelu) => (a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(op(a as tf.Tensor2D, b as tf.Tensor1D), weight));
    const expected = await withBackend('cpu', async () => ({
      value: await flat(compositeBiasGelu(z, bias)),
      grads: await Promise.all(tf.grads(loss(compositeBiasGelu))([z, bias]).map(flat)),
    }));
    expectClose(await flat(biasGelu(z, bias)), expected.value, 2e-6);
    const grads = await Promise.all(tf.grads(loss(biasGelu))([z, bias]).map(flat));
    expectClose(grads[0] as number[], expected.grads[0] as number[], 2e-6);
    expectClose(grads[1] as number[], expected.grads[1] as number[], 2e-6 * rows);
  });

  it('names bad input', () => {
    const z = tf.zeros([2, 3]) as tf.Tensor2D;
    expect(() => biasGelu(tf.zeros([6]) as unknown as tf.Tensor2D, tf.zeros([3]) as tf.Tensor1D)).toThrow(
      'biasGelu: z must be a float32 [rows, cols] tensor; got float32 [6]',
    );
    expect(() => biasGelu(z, tf.zeros([4]) as tf.Tensor1D)).toThrow(
      "biasGelu: bias must be float32 [3] (z's columns); got float32 [4]",
    );
  });
});
