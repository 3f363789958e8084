import * as tf from '@tensorflow/tfjs-core';
import { assert, describe } from '@ksub/core';
import { simdKernel } from './simd-mat-mul';

/** Exact GELU of z + bias from TF.js ops: ½ v (1 + erf(v / √2)), v = z + bias (the reference). */
export function compositeBiasGelu(z: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const v = tf.add(z, bias);
    return tf.mul(tf.mul(v, 0.5), tf.add(tf.erf(tf.mul(v, Math.SQRT1_2)), 1)) as tf.Tensor2D;
  });
}

/**
 * Bias add and exact GELU in one op, ½ v (1 + erf(v / √2)) with v = z + bias (the feed-forward
 * activation of BERT and RoBERTa), on `@ksub/simd`'s threaded kernel: one pass forward, one
 * backward, where the TF.js composite takes five ops forward and about ten backward over the
 * [rows, cols] activations. erf is Abramowitz & Stegun 7.1.26, as TF.js's own Erf; the gradient
 * is Φ(v) + v φ(v) (and its column sums for the bias). Falls back to {@link compositeBiasGelu}
 * where the kernel is unavailable.
 *
 * @throws RangeError naming z or bias when they are not float32 [rows, cols] and [cols].
 *
 * @example
 * ```ts
 * const inner = biasGelu(matMul(x, ffInWeight, false, true) as tf.Tensor2D, ffInBias);
 * ```
 */
export function biasGelu(z: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D {
  assert(
    z.rank === 2 && z.dtype === 'float32',
    () => `biasGelu: z must be a float32 [rows, cols] tensor; got ${z.dtype} ${describe(z.shape)}`,
    RangeError,
  );
  const [rows, cols] = z.shape;
  assert(
    bias.rank === 1 && bias.shape[0] === cols && bias.dtype === 'float32',
    () => `biasGelu: bias must be float32 [${cols}] (z's columns); got ${bias.dtype} ${describe(bias.shape)}`,
    RangeError,
  );
  const kernel = simdKernel();
  if (kernel === null) return compositeBiasGelu(z, bias);
  const n = rows * cols;
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const zAt = kernel.base;
    const bAt = zAt + n * 4;
    const outAt = bAt + cols * 4;
    kernel.ensure(outAt + n * 4 - kernel.base);
    kernel.f32(zAt, n).set((args[0] as tf.Tensor).dataSync() as Float32Array);
    kernel.f32(bAt, cols).set((args[1] as tf.Tensor).dataSync() as Float32Array);
    kernel.biasGelu(zAt, bAt, outAt, rows, cols);
    const pre = kernel.f32(zAt, n).slice(); // v = z + bias, kept for the gradient
    const value = tf.tensor2d(kernel.f32(outAt, n).slice(), [rows, cols]);
    return {
      value,
      gradFunc: (dy: tf.Tensor) => {
        const vAt = kernel.base;
        const gAt = vAt + n * 4;
        kernel.ensure(2 * n * 4);
        kernel.f32(vAt, n).set(pre);
        kernel.f32(gAt, n).set(dy.dataSync() as Float32Array);
        kernel.geluGrad(vAt, gAt, n);
        const dz = tf.tensor2d(kernel.f32(gAt, n).slice(), [rows, cols]);
        return [dz, tf.sum(dz, 0)];
      },
    };
  });
  return f(z, bias) as tf.Tensor2D;
}
