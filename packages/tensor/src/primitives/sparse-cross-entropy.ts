import * as tf from '@tensorflow/tfjs-core';
import { describe } from '@ksub/core';
import { simdKernel } from './simd-mat-mul';

function checkArgs(fn: string, logits: tf.Tensor, labels: tf.Tensor): void {
  const [n, classes] = logits.shape as [number, number];
  if (logits.rank !== 2)
    throw new RangeError(`${fn}: logits must be rank 2 [n, classes]; got shape ${describe(logits.shape)}`);
  if (labels.rank !== 1 || labels.shape[0] !== n)
    throw new RangeError(`${fn}: labels must have shape [${n}]; got ${describe(labels.shape)}`);
  if (labels.dtype !== 'int32') throw new TypeError(`${fn}: labels must be int32; got ${labels.dtype}`);
  if (n === 0) throw new RangeError(`${fn}: logits must have at least one row; got shape [0, ${classes}]`);
}

/**
 * {@link sparseSoftmaxCrossEntropy} from TF.js ops with a hand-written gradient,
 * (softmax − onehot(label)) / n: the route without the SIMD kernel, and the reference in tests.
 * TF.js's own route (logSumExp) takes its gradient through `max`, whose `Equal` over
 * [n × 50,265] cost 1.6 s a step on the WebAssembly backend; here the max only shifts the logits
 * and is constant for the gradient, which is exact.
 */
export function sparseSoftmaxCrossEntropyOps(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  const fn = 'sparseSoftmaxCrossEntropy';
  checkArgs(fn, logits, labels);
  const [n, classes] = logits.shape as [number, number];
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

/**
 * Mean softmax cross-entropy of `logits` [n, V] against integer `labels` [n] — the MLM and
 * classification loss — with its gradient (softmax − onehot(label)) / n. Where the SIMD kernel
 * runs, one fused pass per row computes max, exponentials (a four-lane polynomial, relative error
 * < 2e-7), loss and gradient, split across threads: the gradient is ready before it is asked for.
 * Elsewhere {@link sparseSoftmaxCrossEntropyOps}.
 *
 * @throws RangeError / TypeError for logits not [n ≥ 1, V], labels not int32 [n], or a label
 *   outside [0, V).
 * @example
 * ```ts
 * const loss = sparseSoftmaxCrossEntropy(logits, tf.tensor1d([3, 0, 7], 'int32'));
 * ```
 */
export function sparseSoftmaxCrossEntropy(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  const kernel = simdKernel();
  if (kernel === null || logits.dtype !== 'float32') return sparseSoftmaxCrossEntropyOps(logits, labels);
  const fn = 'sparseSoftmaxCrossEntropy';
  checkArgs(fn, logits, labels);
  const [n, classes] = logits.shape as [number, number];
  const ids = labels.dataSync() as Int32Array;
  ids.forEach((label, i) => {
    if (!(label >= 0 && label < classes))
      throw new RangeError(`${fn}: labels[${i}] must be in [0, ${classes}); got ${label}`);
  });
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = (args[0] as tf.Tensor).dataSync() as Float32Array;
    const xAt = kernel.base;
    const labelsAt = xAt + n * classes * 4;
    const lossAt = labelsAt + n * 4;
    kernel.ensure(n * classes * 4 + 2 * n * 4);
    kernel.f32(xAt, n * classes).set(x);
    new Int32Array(kernel.f32(labelsAt, n).buffer, labelsAt, n).set(ids);
    kernel.softmaxXent(xAt, n, classes, labelsAt, lossAt, xAt, 1 / n);
    let total = 0;
    kernel.f32(lossAt, n).forEach((l) => (total += l));
    const grad = kernel.f32(xAt, n * classes).slice();
    return {
      value: tf.scalar(total / n),
      gradFunc: (dy: tf.Scalar) => tf.mul(tf.tensor2d(grad, [n, classes]), dy),
    };
  });
  return f(logits) as tf.Scalar;
}
