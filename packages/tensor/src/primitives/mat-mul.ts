import * as tf from '@tensorflow/tfjs-core';
import { differentiableProduct } from './product-gradients';
import { simdKernel, simdMatMul } from './simd-mat-mul';

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
  return differentiableProduct(explicitProduct, a, b, transposeA, transposeB);
}

function simdApplies(a: tf.Tensor, b: tf.Tensor, transposeA: boolean): boolean {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.rank < 2 || b.rank < 2) return false;
  if (b.rank === 2 && !transposeA) return true;
  return a.rank === b.rank && a.shape.slice(0, -2).every((s, i) => s === b.shape[i]);
}

/**
 * Matrix product for ksub's models, same contract as `tf.matMul` (rank 2, or batched, with
 * optional transposes). Off tfjs-node (on the WebAssembly and cpu backends) float32 products run on
 * ksub's multi-threaded SIMD kernel ({@link simdMatMul}): measured forward + backward on 2 cores,
 * attention products 0.12–0.13× the time of the WebAssembly backend's matMul, a feed-forward layer
 * 0.54×, the tied decoder 0.64× (`nx run tensor:bench`). Where the kernel cannot run (no SIMD, or
 * broadcast batch dimensions) the WebAssembly backend still gets explicit transposes in both
 * passes, since a transpose flag makes its kernel about 10× slower (307 × 128 · (50,265 × 128)ᵀ:
 * 5.4 s vs 0.5 s). On tfjs-node it is `tf.matMul`.
 *
 * @example
 * ```ts
 * const logits = matMul(hidden, embeddingTable, false, true); // [n, d] · [N, d]ᵀ → [n, N]
 * ```
 */
export function matMul(a: tf.Tensor, b: tf.Tensor, transposeA = false, transposeB = false): tf.Tensor {
  const backend = tf.getBackend();
  if (backend === 'tensorflow') return tf.matMul(a, b, transposeA, transposeB);
  if (simdKernel() !== null && simdApplies(a, b, transposeA)) return simdMatMul(a, b, transposeA, transposeB);
  if (backend === 'wasm') return matMulExplicit(a, b, transposeA, transposeB);
  return tf.matMul(a, b, transposeA, transposeB);
}
