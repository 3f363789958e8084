import * as tf from '@tensorflow/tfjs-core';
import { matMul } from '@ksub/tensor';

/** x · Wᵀ + b with W stored [out, in] as in PyTorch / Hugging Face (x: [..., in]). */
export function dense(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  return tf.add(matMul(x, weight, false, true), bias);
}

/** LayerNorm over the last axis: (x − mean) / √(var + eps) · gamma + beta. */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps: number): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), gamma), beta);
}

/** Exact GELU, x · Φ(x) = ½ x (1 + erf(x / √2)), as RoBERTa. */
export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
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
