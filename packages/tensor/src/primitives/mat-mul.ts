import * as tf from '@tensorflow/tfjs-core';

function lastTwoSwapped(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

function swapLastTwo(x: tf.Tensor): tf.Tensor {
  return tf.transpose(x, lastTwoSwapped(x.rank));
}

/** op(a)·op(b) with every transpose made explicit, so the kernel never sees a transpose flag. */
function explicitProduct(a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean): tf.Tensor {
  return tf.matMul(transposeA ? swapLastTwo(a) : a, transposeB ? swapLastTwo(b) : b);
}

/**
 * `matMul` whose forward and backward passes transpose explicitly. The gradient of C = op(A)·op(B)
 * is written out for the four flag combinations (dA, dB as products of dC with A or B), each again
 * without flags. Exported for tests; use {@link matMul}.
 */
export function matMulExplicit(
  a: tf.Tensor,
  b: tf.Tensor,
  transposeA = false,
  transposeB = false,
): tf.Tensor {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, y, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([x, y]);
    return {
      value: explicitProduct(x, y, transposeA, transposeB),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sa, sb] = saved as [tf.Tensor, tf.Tensor];
        if (!transposeA && !transposeB)
          return [explicitProduct(dy, sb, false, true), explicitProduct(sa, dy, true, false)];
        if (!transposeA && transposeB)
          return [explicitProduct(dy, sb, false, false), explicitProduct(dy, sa, true, false)];
        if (transposeA && !transposeB)
          return [explicitProduct(sb, dy, false, true), explicitProduct(sa, dy, false, false)];
        return [explicitProduct(sb, dy, true, true), explicitProduct(dy, sa, true, true)];
      },
    };
  });
  return f(a, b);
}

/**
 * Matrix product for ksub's models, same contract as `tf.matMul` (rank 2, or rank 3 batched, with
 * optional transposes). On the WebAssembly backend, where a transpose flag makes the kernel about
 * 10× slower than transposing first (measured: 307 × 128 · (50,265 × 128)ᵀ, 5.4 s vs 0.5 s) and
 * the built-in gradient uses those flags, it transposes explicitly in both passes; elsewhere it
 * is `tf.matMul`.
 *
 * @example
 * ```ts
 * const logits = matMul(hidden, embeddingTable, false, true); // [n, d] · [N, d]ᵀ → [n, N]
 * ```
 */
export function matMul(a: tf.Tensor, b: tf.Tensor, transposeA = false, transposeB = false): tf.Tensor {
  if (tf.getBackend() === 'wasm') return matMulExplicit(a, b, transposeA, transposeB);
  return tf.matMul(a, b, transposeA, transposeB);
}
