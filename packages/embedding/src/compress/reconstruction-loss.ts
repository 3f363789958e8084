import * as tf from '@tensorflow/tfjs-core';

/** The AutoEncoder losses compared: squared error, pure cosine, and the direction paper's blend. */
export type ReconstructionLoss = 'mse' | 'cosine' | 'direction';

/** Weights of the direction loss, from the authors' code (see docs/embedding.md). */
export const DIRECTION_LOSS = Object.freeze({
  /** Weight of mean(1 − cos): 0.9975 / 5. */
  cosineWeight: 0.9975 / 5,
  /** Weight of mean(|x̂ − x|^α). */
  magnitudeWeight: 0.0025,
  /** α at the first epoch. */
  alphaStart: 1.0,
  /** α from the end of the schedule on. */
  alphaEnd: 0.1,
  /** Share of the epochs over which α falls linearly (20 of 30 in the paper's setting). */
  alphaShare: 2 / 3,
  /** Added to |x̂ − x| before the power, so the gradient stays finite at 0 for α < 1. */
  epsilon: 1e-8,
});

/**
 * α of the direction loss at `epoch` (0-based) of `epochs`: falls linearly from 1.0 at epoch 0 to
 * 0.1 at the last epoch of the first two thirds, then stays at 0.1 (the paper: 20 epochs of fall,
 * 10 more at 0.1).
 */
export function directionAlpha(epoch: number, epochs: number): number {
  const { alphaStart, alphaEnd, alphaShare } = DIRECTION_LOSS;
  const fall = Math.max(1, Math.round(epochs * alphaShare));
  if (fall === 1) return epoch === 0 ? alphaStart : alphaEnd;
  return alphaStart + (alphaEnd - alphaStart) * Math.min(epoch / (fall - 1), 1);
}

/** Cosine between corresponding rows of x and y ([n, d] → [n]); zero rows give 0. */
export function rowCosine(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const dot = tf.sum(tf.mul(x, y), 1);
    const norms = tf.mul(tf.norm(x, 'euclidean', 1), tf.norm(y, 'euclidean', 1));
    return tf.div(dot, tf.maximum(norms, 1e-12));
  });
}

/**
 * The reconstruction loss of a batch x → x̂ ([n, d]), averaged over rows:
 *  - `mse`: mean over entries of (x̂ − x)²;
 *  - `cosine`: mean(1 − cos(x̂, x));
 *  - `direction`: (0.9975/5)·mean(1 − cos(x̂, x)) + 0.0025·mean over entries of (|x̂ − x| + 1e-8)^α.
 *
 * @example
 * ```ts
 * const loss = reconstructionLoss('direction', batch, decoded, directionAlpha(epoch, 30));
 * ```
 */
export function reconstructionLoss(
  kind: ReconstructionLoss,
  x: tf.Tensor,
  xHat: tf.Tensor,
  alpha = 1,
): tf.Scalar {
  return tf.tidy(() => {
    switch (kind) {
      case 'mse':
        return tf.mean(tf.squaredDifference(xHat, x)) as tf.Scalar;
      case 'cosine':
        return tf.mean(tf.sub(1, rowCosine(xHat, x))) as tf.Scalar;
      case 'direction': {
        const { cosineWeight, magnitudeWeight, epsilon } = DIRECTION_LOSS;
        const direction = tf.mean(tf.sub(1, rowCosine(xHat, x)));
        const magnitude = tf.mean(tf.pow(tf.add(tf.abs(tf.sub(xHat, x)), epsilon), alpha));
        return tf.add(tf.mul(cosineWeight, direction), tf.mul(magnitudeWeight, magnitude)) as tf.Scalar;
      }
      default: {
        const never: never = kind;
        throw new RangeError(
          `reconstructionLoss: kind must be "mse", "cosine" or "direction"; got ${String(never)}`,
        );
      }
    }
  });
}
