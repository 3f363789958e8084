import * as tf from '@tensorflow/tfjs-core';
import { assert, describe } from '@ksub/core';
import { simdKernel } from './simd-mat-mul';

/** LayerNorm of x + residual over the last axis from TF.js ops (the reference; residual may be null). */
export function compositeAddLayerNorm(
  x: tf.Tensor2D,
  residual: tf.Tensor2D | null,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  eps: number,
): tf.Tensor2D {
  return tf.tidy(() => {
    const s = residual === null ? x : tf.add(x, residual);
    const { mean, variance } = tf.moments(s, -1, true);
    return tf.add(
      tf.mul(tf.mul(tf.sub(s, mean), tf.rsqrt(tf.add(variance, eps))), gamma),
      beta,
    ) as tf.Tensor2D;
  });
}

function checkRow(name: string, t: tf.Tensor, cols: number): void {
  assert(
    t.rank === 1 && t.shape[0] === cols && t.dtype === 'float32',
    () =>
      `addLayerNorm: ${name} must be float32 [${cols}] (x's columns); got ${t.dtype} ${describe(t.shape)}`,
    RangeError,
  );
}

/**
 * LayerNorm of x + residual over the last axis, (s − mean) / √(var + eps) · gamma + beta with the
 * biased variance (the post-LayerNorm residual block of BERT and RoBERTa), on `@ksub/simd`'s
 * threaded kernel: one pass forward and one backward per row, where the TF.js composite takes about
 * eight ops forward and twice that backward. The gradient for x and residual is
 * rstd · (g − mean(g) − x̂ · mean(g · x̂)) with g = dy · gamma; for gamma and beta the column sums of
 * dy · x̂ and dy. `residual` may be null (plain LayerNorm). Falls back to
 * {@link compositeAddLayerNorm} where the kernel is unavailable.
 *
 * @throws RangeError naming the argument when x or residual is not float32 [rows, cols], gamma or
 *   beta not float32 [cols], or eps not positive.
 *
 * @example
 * ```ts
 * x = addLayerNorm(x, attended, ln1Gamma, ln1Beta, 1e-5);
 * ```
 */
export function addLayerNorm(
  x: tf.Tensor2D,
  residual: tf.Tensor2D | null,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  eps: number,
): tf.Tensor2D {
  assert(
    x.rank === 2 && x.dtype === 'float32',
    () => `addLayerNorm: x must be a float32 [rows, cols] tensor; got ${x.dtype} ${describe(x.shape)}`,
    RangeError,
  );
  const [rows, cols] = x.shape;
  assert(
    residual === null || (residual.dtype === 'float32' && residual.shape.join() === x.shape.join()),
    () =>
      `addLayerNorm: residual must be null or float32 ${describe(x.shape)} (x's shape); got ${residual?.dtype} ${describe(residual?.shape)}`,
    RangeError,
  );
  checkRow('gamma', gamma, cols);
  checkRow('beta', beta, cols);
  assert(eps > 0, () => `addLayerNorm: eps must be > 0; got ${describe(eps)}`, RangeError);
  const kernel = simdKernel();
  if (kernel === null) return compositeAddLayerNorm(x, residual, gamma, beta, eps);
  const n = rows * cols;
  const run = (xs: tf.Tensor, rs: tf.Tensor | null, g: tf.Tensor, b: tf.Tensor) => {
    const [xAt, rAt, gAt, bAt, outAt, sAt] = offsets(kernel.base, [
      n,
      rs === null ? 0 : n,
      cols,
      cols,
      n,
      rows,
    ]);
    kernel.ensure(sAt + rows * 4 - kernel.base);
    kernel.f32(xAt, n).set(xs.dataSync() as Float32Array);
    if (rs !== null) kernel.f32(rAt, n).set(rs.dataSync() as Float32Array);
    kernel.f32(gAt, cols).set(g.dataSync() as Float32Array);
    kernel.f32(bAt, cols).set(b.dataSync() as Float32Array);
    kernel.addLayerNorm(xAt, rs === null ? 0 : rAt, gAt, bAt, outAt, sAt, rows, cols, eps);
    return {
      value: tf.tensor2d(kernel.f32(outAt, n).slice(), [rows, cols]),
      xhat: kernel.f32(xAt, n).slice(),
      rstd: kernel.f32(sAt, rows).slice(),
    };
  };
  const backward = (dy: tf.Tensor, xhat: Float32Array, rstd: Float32Array, g: tf.Tensor) => {
    const [dAt, hAt, gAt, sAt] = offsets(kernel.base, [n, n, cols, rows]);
    kernel.ensure(sAt + rows * 4 - kernel.base);
    const dyData = dy.dataSync() as Float32Array;
    kernel.f32(dAt, n).set(dyData);
    kernel.f32(hAt, n).set(xhat);
    kernel.f32(gAt, cols).set(g.dataSync() as Float32Array);
    kernel.f32(sAt, rows).set(rstd);
    kernel.layerNormGrad(dAt, hAt, gAt, sAt, rows, cols);
    const ds = tf.tensor2d(kernel.f32(dAt, n).slice(), [rows, cols]);
    const dGamma = tf.tidy(() => tf.sum(tf.mul(dy, tf.tensor2d(xhat, [rows, cols])), 0));
    return { ds, dGamma, dBeta: tf.sum(dy, 0) };
  };
  if (residual === null) {
    const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [xs, g, b] = args as [tf.Tensor, tf.Tensor, tf.Tensor];
      const { value, xhat, rstd } = run(xs, null, g, b);
      return {
        value,
        gradFunc: (dy: tf.Tensor) => {
          const { ds, dGamma, dBeta } = backward(dy, xhat, rstd, g);
          return [ds, dGamma, dBeta];
        },
      };
    });
    return f(x, gamma, beta) as tf.Tensor2D;
  }
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xs, rs, g, b] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const { value, xhat, rstd } = run(xs, rs, g, b);
    return {
      value,
      gradFunc: (dy: tf.Tensor) => {
        const { ds, dGamma, dBeta } = backward(dy, xhat, rstd, g);
        return [ds, ds.clone(), dGamma, dBeta];
      },
    };
  });
  return f(x, residual, gamma, beta) as tf.Tensor2D;
}

/** Byte offsets of consecutive float32 regions of the given lengths, from `base`. */
function offsets<const T extends readonly number[]>(base: number, sizes: T): { [K in keyof T]: number } {
  const at: number[] = [];
  let offset = base;
  for (const s of sizes) {
    at.push(offset);
    offset += s * 4;
  }
  return at as { [K in keyof T]: number };
}
