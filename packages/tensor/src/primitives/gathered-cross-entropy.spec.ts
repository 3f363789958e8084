import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@ksub/core';
import { initBackend } from '../backend';
import { gatheredSoftmaxCrossEntropy } from './gathered-cross-entropy';
import { linearSoftmaxCrossEntropy } from './linear-cross-entropy';
import { expectClose, flat } from './testing-close';
import { withBackend } from './with-backend';

const close = (actual: number[], expected: number[], tol = 1e-5): void => expectClose(actual, expected, tol);

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('gatheredSoftmaxCrossEntropy', () => {
  const rows = [5, 3, 4];
  const classes = 57;
  const rng = Rng.fromSeed(9);
  const columns = rows.map((r) => Int32Array.from({ length: classes }, () => rng.nextInt(r)));
  let parts: tf.Tensor2D[];
  let bias: tf.Tensor1D;
  let labels: tf.Tensor1D;
  beforeAll(() => {
    parts = rows.map((r, j) => tf.randomNormal([6, r], 0, 1, 'float32', j + 1) as tf.Tensor2D);
    bias = tf.randomNormal([classes], 0, 1, 'float32', 7) as tf.Tensor1D;
    labels = tf.tensor1d([0, 56, 3, 3, 20, 41], 'int32');
  });

  /** 2 × loss, with logits built by explicit gathers (TF.js's own gradient). */
  const reference = (ps: tf.Tensor[], b: tf.Tensor) => {
    const logits = ps
      .map((p, j) => tf.gather(p, tf.tensor1d(columns[j] as Int32Array, 'int32'), 1))
      .reduce((a, c) => tf.add(a, c));
    const l = tf.add(logits, b);
    return tf.mul(tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(l), tf.oneHot(labels, classes)), 1))), 2);
  };

  it('value and gradients (parts and bias) equal explicit gathers on cpu', async () => {
    const expected = await withBackend('cpu', async () => {
      const g = tf.grads((...xs: tf.Tensor[]) => reference(xs.slice(0, 3), xs[3] as tf.Tensor))([
        ...parts,
        bias,
      ]);
      return { value: await flat(reference(parts, bias)), grads: await Promise.all(g.map(flat)) };
    });
    const ours = (...xs: tf.Tensor[]) =>
      tf.mul(
        gatheredSoftmaxCrossEntropy(xs.slice(0, 3) as tf.Tensor2D[], columns, xs[3] as tf.Tensor1D, labels),
        2,
      );
    const grads = tf.grads(ours)([...parts, bias]);
    close(await flat(ours(...parts, bias)), expected.value);
    const got = await Promise.all(grads.map(flat));
    got.forEach((g, i) => close(g, expected.grads[i] as number[]));
  });

  it('refuses to differentiate a loss whose memory another decoder loss has taken', () => {
    const h = tf.randomNormal([6, 4]) as tf.Tensor2D;
    const w = tf.randomNormal([classes, 4]) as tf.Tensor2D;
    expect(() =>
      tf.grads((x: tf.Tensor) => {
        const first = gatheredSoftmaxCrossEntropy(
          [x as tf.Tensor2D],
          [columns[0] as Int32Array],
          null,
          labels,
        );
        const second = linearSoftmaxCrossEntropy(h, w, null, labels);
        return tf.add(first, second);
      })([parts[0] as tf.Tensor2D]),
    ).toThrow('another decoder loss ran between this one and its gradient');
  });

  it('names bad input', () => {
    expect(() => gatheredSoftmaxCrossEntropy(parts, columns.slice(0, 2), bias, labels)).toThrow(
      'parts and columns must be non-empty and of equal length; got 3 and 2',
    );
    const bad = [
      Int32Array.from(columns[0] as Int32Array),
      columns[1] as Int32Array,
      columns[2] as Int32Array,
    ];
    (bad[0] as Int32Array)[4] = 5;
    expect(() => gatheredSoftmaxCrossEntropy(parts, bad, bias, labels)).toThrow(
      'columns[0][4] must lie in [0, 5); got 5',
    );
  });
});
