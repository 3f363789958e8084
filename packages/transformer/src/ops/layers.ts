import * as tf from '@tensorflow/tfjs-core';
import { addLayerNorm, biasGelu, matMul } from '@ksub/tensor';

/** x · Wᵀ + b with W stored [out, in] as in PyTorch / Hugging Face (x: [..., in]). */
export function dense(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  return tf.add(matMul(x, weight, false, true), bias);
}

/** `t` as a [rows, last] matrix (a view: reshape copies nothing). */
function rows(t: tf.Tensor): tf.Tensor2D {
  return (t.rank === 2 ? t : tf.reshape(t, [-1, t.shape[t.rank - 1] as number])) as tf.Tensor2D;
}

/**
 * LayerNorm over the last axis of x (+ residual, when given): (s − mean) / √(var + eps) · gamma +
 * beta, as one fused op (`@ksub/tensor`'s addLayerNorm).
 */
export function layerNorm(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  eps: number,
  residual: tf.Tensor | null = null,
): tf.Tensor {
  const out = addLayerNorm(
    rows(x),
    residual === null ? null : rows(residual),
    gamma as tf.Tensor1D,
    beta as tf.Tensor1D,
    eps,
  );
  return x.rank === 2 ? out : tf.reshape(out, x.shape);
}

/** Exact GELU, x · Φ(x) = ½ x (1 + erf(x / √2)), as RoBERTa (TF.js ops; see {@link denseGelu}). */
export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
}

/**
 * Exact GELU of a dense layer, ½ v (1 + erf(v / √2)) with v = x · Wᵀ + b (RoBERTa's
 * feed-forward and MLM-head activation): the product on `@ksub/tensor`'s matMul, bias and GELU as
 * one fused op (biasGelu).
 */
export function denseGelu(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  const product = matMul(x, weight, false, true);
  const out = biasGelu(rows(product), bias as tf.Tensor1D);
  return product.rank === 2 ? out : tf.reshape(out, product.shape);
}

/**
 * Dropout source for one forward pass: inactive outside training; in training each call draws its
 * mask from `seed + call index`, so a step is reproducible from its seed (needed for exact resume).
 */
export class DropoutStream {
  private calls = 0;

  constructor(
    readonly training: boolean,
    private readonly seed: number,
  ) {}

  /** A fresh seed for an op that draws its own mask (e.g. fused attention); counts as a call. */
  nextSeed(): number {
    return (this.seed + this.calls++) >>> 0;
  }

  /** x with entries zeroed at `rate` and the rest scaled by 1 / (1 − rate), when training. */
  apply(x: tf.Tensor, rate: number): tf.Tensor {
    if (!this.training || rate === 0) return x;
    return tf.dropout(x, rate, undefined, this.seed + this.calls++);
  }
}
