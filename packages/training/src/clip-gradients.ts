import * as tf from '@tensorflow/tfjs-core';

/**
 * Global-norm clipping (PyTorch's `clip_grad_norm_`): the L2 norm over all gradients together; when
 * it exceeds `maxNorm` every gradient is scaled by maxNorm / norm. Returns the new gradients (the
 * same tensors when nothing is clipped or maxNorm is 0, meaning off) and the norm before clipping.
 */
export function clipByGlobalNorm(
  grads: readonly tf.Tensor[],
  maxNorm: number,
): { grads: tf.Tensor[]; norm: number } {
  const norm = Math.sqrt(
    tf.tidy(() => tf.addN(grads.map((g) => tf.sum(tf.square(g)))).dataSync()[0] as number),
  );
  if (maxNorm <= 0 || norm <= maxNorm) return { grads: [...grads], norm };
  const scale = maxNorm / (norm + 1e-6);
  return { grads: grads.map((g) => tf.mul(g, scale)), norm };
}
