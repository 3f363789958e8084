import * as tf from '@tensorflow/tfjs-core';
import { describe } from '@ksub/core';

/**
 * Checks token ids at a layer's public boundary: int32, rank 2 ([batch, seq]), every id in
 * [0, vocabSize). Reads back two scalars (min and max), not the ids themselves.
 */
export function validateIds(fn: string, ids: tf.Tensor, vocabSize: number): void {
  if (ids.dtype !== 'int32')
    throw new TypeError(`${fn}: ids must be an int32 tensor of token ids; got dtype ${ids.dtype}`);
  if (ids.rank !== 2)
    throw new RangeError(`${fn}: ids must have shape [batch, seq]; got ${describe(ids.shape)}`);
  if (ids.size === 0) return;
  const [lo, hi] = tf.tidy(() => [tf.min(ids).dataSync()[0], tf.max(ids).dataSync()[0]]) as [number, number];
  if (lo < 0 || hi >= vocabSize)
    throw new RangeError(`${fn}: ids must lie in [0, ${vocabSize}); got ${lo < 0 ? lo : hi}`);
}
