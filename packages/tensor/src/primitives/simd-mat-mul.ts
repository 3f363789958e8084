import * as tf from '@tensorflow/tfjs-core';
import { SimdKernel } from '@ksub/simd';
import { differentiableProduct } from './product-gradients';

let shared: SimdKernel | null | undefined;

/**
 * Backends whose tensors live in this process's memory, where copying operands into the kernel is
 * cheap. Under any other (webgl, webgpu, a custom one) the primitives keep to the backend's ops
 * rather than pull tensors off the device.
 */
const HOST_BACKENDS: ReadonlySet<string> = new Set(['cpu', 'wasm', 'tensorflow']);

/**
 * The process-wide SIMD kernel the TF.js primitives use (threads: `KSUB_THREADS`, else every core),
 * or null where WebAssembly SIMD or shared memory is unavailable, or where the active backend
 * keeps its tensors on a device (only `cpu`, `wasm` and `tensorflow` use the kernel).
 */
export function simdKernel(): SimdKernel | null {
  if (!HOST_BACKENDS.has(tf.getBackend())) return null;
  if (shared === undefined) {
    try {
      shared = SimdKernel.create();
    } catch {
      shared = null;
    }
  }
  return shared;
}

interface Dims {
  batch: number;
  m: number;
  n: number;
  d: number;
  outShape: number[];
}

function dimsOf(a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean): Dims {
  const sa = a.shape;
  const sb = b.shape;
  const lead = sa.slice(0, -2);
  const m = transposeA ? (sa[sa.length - 1] as number) : (sa[sa.length - 2] as number);
  const d = transposeA ? (sa[sa.length - 2] as number) : (sa[sa.length - 1] as number);
  const dB = transposeB ? (sb[sb.length - 1] as number) : (sb[sb.length - 2] as number);
  const n = transposeB ? (sb[sb.length - 2] as number) : (sb[sb.length - 1] as number);
  if (d !== dB)
    throw new Error(
      `simdMatMul: inner dimensions differ: a ${JSON.stringify(sa)} (transposeA ${transposeA}) has ${d}, ` +
        `b ${JSON.stringify(sb)} (transposeB ${transposeB}) has ${dB}`,
    );
  return { batch: lead.reduce((p, q) => p * q, 1), m, n, d, outShape: [...lead, m, n] };
}

/** op(a)·op(b) on the SIMD kernel, no gradient: X = op(a), Y = op(b)ᵀ packed, out = X·Yᵀ. */
function forward(
  kernel: SimdKernel,
  a: tf.Tensor,
  b: tf.Tensor,
  transposeA: boolean,
  transposeB: boolean,
): tf.Tensor {
  const { batch, m, n, d, outShape } = dimsOf(a, b, transposeA, transposeB);
  const xAt = kernel.base;
  const yAt = xAt + batch * m * d * 4;
  const outAt = yAt + batch * n * d * 4;
  const scratchAt = outAt + batch * m * n * 4; // operands that need a transpose land here first
  kernel.ensure(scratchAt + Math.max(batch * m * d, batch * n * d) * 4 - kernel.base);
  const aData = a.dataSync() as Float32Array;
  const bData = b.dataSync() as Float32Array;
  if (transposeA) {
    kernel.f32(scratchAt, aData.length).set(aData);
    kernel.transpose(scratchAt, batch, d, m, xAt);
  } else kernel.f32(xAt, aData.length).set(aData);
  if (transposeB) kernel.f32(yAt, bData.length).set(bData);
  else {
    kernel.f32(scratchAt, bData.length).set(bData);
    kernel.transpose(scratchAt, batch, d, n, yAt);
  }
  kernel.batchGemmNT(xAt, yAt, outAt, batch, m, n, d);
  return tf.tensor(kernel.f32(outAt, batch * m * n).slice(), outShape, 'float32');
}

function check(a: tf.Tensor, b: tf.Tensor): void {
  for (const [name, t] of [
    ['a', a],
    ['b', b],
  ] as const) {
    if (t.dtype !== 'float32') throw new Error(`simdMatMul: ${name} must be float32; got ${t.dtype}`);
    if (t.rank < 2)
      throw new Error(`simdMatMul: ${name} must have rank ≥ 2; got shape ${JSON.stringify(t.shape)}`);
  }
  if (a.rank !== b.rank || a.shape.slice(0, -2).some((s, i) => s !== b.shape[i]))
    throw new Error(
      `simdMatMul: a and b need the same batch dimensions (or b of rank 2 with transposeA false), ` +
        `got a ${JSON.stringify(a.shape)} and b ${JSON.stringify(b.shape)}`,
    );
}

/**
 * Matrix product on ksub's WebAssembly SIMD kernel (`@ksub/simd`), split across threads: same
 * contract as `tf.matMul` for float32 — rank 2, or batched with equal leading dimensions, optional
 * transposes — plus a rank-2 `b` against a batched `a` (a dense layer: `a` is flattened to rows).
 * The gradient is written out with the same kernel (dA, dB as products of dC with B or A, for the
 * four flag combinations). Every product runs as X·Yᵀ, the kernel's one form: operands are copied
 * (transposed where needed) into its shared memory and the result copied back.
 *
 * Why: the TF.js WebAssembly backend runs batched small products (attention) at ~1.4 GFLOP/s and
 * on one thread; this kernel reaches ~21 GFLOP/s per thread (docs/benchmarks.md).
 *
 * @throws Error when WebAssembly SIMD is unavailable (see {@link simdKernel}), or naming the
 *   argument for a non-float32 input, rank < 2, mismatched batch or inner dimensions.
 *
 * @example
 * ```ts
 * const scores = simdMatMul(q, k, false, true); // [b, h, s, dh] · [b, h, s, dh]ᵀ → [b, h, s, s]
 * ```
 */
export function simdMatMul(a: tf.Tensor, b: tf.Tensor, transposeA = false, transposeB = false): tf.Tensor {
  const kernel = simdKernel();
  if (kernel === null) throw new Error('simdMatMul: this runtime has no WebAssembly SIMD with shared memory');
  if (a.rank > 2 && b.rank === 2 && !transposeA) {
    const rows = a.shape.slice(0, -1);
    const flat = simdMatMul(tf.reshape(a, [-1, a.shape[a.rank - 1] as number]), b, false, transposeB);
    return tf.reshape(flat, [...rows, flat.shape[1] as number]);
  }
  check(a, b);
  dimsOf(a, b, transposeA, transposeB);
  const product = (x: tf.Tensor, y: tf.Tensor, tx: boolean, ty: boolean) => forward(kernel, x, y, tx, ty);
  return differentiableProduct(product, a, b, transposeA, transposeB);
}
