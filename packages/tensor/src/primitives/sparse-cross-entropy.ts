import * as tf from '@tensorflow/tfjs-core';
import { describe } from '@ksub/core';

/**
 * Mean softmax cross-entropy of `logits` [n, V] against integer `labels` [n] — the MLM and
 * classification loss — with a hand-written gradient, (softmax − onehot(label)) / n. TF.js's own
 * route (logSumExp) takes its gradient through `max`, whose `Equal` over [n × 50,265] cost 1.6 s a
 * step on the WebAssembly backend; here the max only shifts the logits for stability and is
 * constant for the gradient, which is exact.
 *
 * @example
 * ```ts
 * const loss = sparseSoftmaxCrossEntropy(logits, tf.tensor1d([3, 0, 7], 'int32'));
 * ```
 */
export function sparseSoftmaxCrossEntropy(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  const fn = 'sparseSoftmaxCrossEntropy';
  if (logits.rank !== 2)
    throw new RangeError(`${fn}: logits must be rank 2 [n, classes]; got shape ${describe(logits.shape)}`);
  const [n, classes] = logits.shape as [number, number];
  if (labels.rank !== 1 || labels.shape[0] !== n)
    throw new RangeError(`${fn}: labels must have shape [${n}]; got ${describe(labels.shape)}`);
  if (labels.dtype !== 'int32') throw new TypeError(`${fn}: labels must be int32; got ${labels.dtype}`);
  if (n === 0) throw new RangeError(`${fn}: logits must have at least one row; got shape [0, ${classes}]`);
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const shifted = tf.sub(x, tf.max(x, 1, true));
    const exps = tf.exp(shifted);
    const sums = tf.sum(exps, 1, true);
    const flatIndex = tf.add(tf.mul(tf.range(0, n, 1, 'int32'), tf.scalar(classes, 'int32')), labels);
    const picked = tf.gather(tf.reshape(shifted, [-1]), flatIndex);
    const value = tf.mean(tf.sub(tf.reshape(tf.log(sums), [n]), picked)) as tf.Scalar;
    // softmax = exps / sums: one exp over [n × classes] in all (exp is the costly op there).
    // labels are saved too: a closure would see them disposed when they were made inside the
    // differentiated function (tf.grads tidies everything it does not save).
    save([exps, sums, labels]);
    return {
      value,
      gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) => {
        const softmax = tf.div(saved[0] as tf.Tensor, saved[1] as tf.Tensor);
        // int32 then cast: the wasm backend's OneHot with dtype float32 writes the integer bit
        // pattern (1 reads as 1.4e-45), measured on tfjs-backend-wasm 4.22.
        const oneHot = tf.cast(tf.oneHot(saved[2] as tf.Tensor1D, classes), 'float32');
        return tf.mul(tf.sub(softmax, oneHot), tf.div(dy, tf.scalar(n)));
      },
    };
  });
  return f(logits) as tf.Scalar;
}
