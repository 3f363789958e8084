import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';
import { linearSoftmaxCrossEntropy } from './linear-cross-entropy';
import { expectClose, flat } from './testing-close';
import { withBackend } from './with-backend';

const close = (actual: number[], expected: number[], tol = 1e-5): void => expectClose(actual, expected, tol);

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('linearSoftmaxCrossEntropy', () => {
  let h: tf.Tensor2D;
  let w: tf.Tensor2D;
  let b: tf.Tensor1D;
  let labels: tf.Tensor1D;
  beforeAll(() => {
    h = tf.randomNormal([9, 6], 0, 1, 'float32', 1);
    w = tf.randomNormal([103, 6], 0, 1, 'float32', 2);
    b = tf.randomNormal([103], 0, 1, 'float32', 3);
    labels = tf.tensor1d([0, 5, 102, 7, 7, 50, 99, 1, 3], 'int32');
  });

  /** 3 × the loss, so the incoming gradient is not 1. */
  const reference = (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor | null) => {
    const logits = tf.matMul(x, y, false, true);
    const shifted = z === null ? logits : tf.add(logits, z);
    return tf.mul(tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(shifted), tf.oneHot(labels, 103)), 1))), 3);
  };

  it.each([true, false])('value and gradients equal the composite ops on cpu (bias %s)', async (withBias) => {
    const expected = await withBackend('cpu', async () => {
      const g = withBias
        ? tf.grads((x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) => reference(x, y, z))([h, w, b])
        : tf.grads((x: tf.Tensor, y: tf.Tensor) => reference(x, y, null))([h, w]);
      return {
        value: await flat(reference(h, w, withBias ? b : null)),
        grads: await Promise.all(g.map(flat)),
      };
    });
    const ours = (x: tf.Tensor, y: tf.Tensor, z?: tf.Tensor) =>
      tf.mul(
        linearSoftmaxCrossEntropy(
          x as tf.Tensor2D,
          y as tf.Tensor2D,
          (z ?? null) as tf.Tensor1D | null,
          labels,
        ),
        3,
      );
    const grads = withBias
      ? tf.grads((x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) => ours(x, y, z))([h, w, b])
      : tf.grads((x: tf.Tensor, y: tf.Tensor) => ours(x, y))([h, w]);
    close(await flat(ours(h, w, withBias ? b : undefined)), expected.value);
    const got = await Promise.all(grads.map(flat));
    got.forEach((g, i) => close(g, expected.grads[i] as number[]));
  });

  it('names bad input', () => {
    expect(() => linearSoftmaxCrossEntropy(h, tf.zeros([103, 5]) as tf.Tensor2D, b, labels)).toThrow(
      'weight must be [classes, 6]; got [103, 5]',
    );
    expect(() =>
      linearSoftmaxCrossEntropy(h, w, b, tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 103], 'int32')),
    ).toThrow('labels[8] must be in [0, 103); got 103');
  });
});
