import * as tf from '@tensorflow/tfjs-core';
import { assert, assertInteger, describe } from '@ksub/core';
import type { SimdKernel } from '@ksub/simd';
import { packHeads, unpackHeads, type HeadColumns, type HeadLayout } from './pack-heads';
import { simdKernel } from './simd-mat-mul';

/** Options of {@link fusedAttention}. */
export interface AttentionOptions {
  readonly batchSize: number;
  readonly seqLength: number;
  readonly heads: number;
  /** 1 for real tokens, 0 for padding (keys at 0 get no attention), length batchSize · seqLength. */
  readonly mask: Int32Array;
  /** Dropout on the attention probabilities (default 0). */
  readonly dropout?: number;
  /** Seed of the dropout mask (see {@link attentionKeep}). */
  readonly seed?: number;
}

/**
 * Whether attention probability `index` (flat over [batch·heads, seq, seq]) survives dropout at
 * `rate` for `seed`: a hash of (seed, index), so the forward and backward passes — and a resumed
 * run — draw the same mask without storing it.
 */
export function attentionKeep(seed: number, index: number, rate: number): boolean {
  let z = (seed ^ Math.imul(index, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  z = (z ^ (z >>> 15)) >>> 0;
  return z / 4294967296 >= rate;
}

const { sqrt } = Math;

/**
 * The kernel's form of {@link attentionKeep}'s test: entry i is kept when its hash z satisfies
 * z / 2³² ≥ rate, that is z ≥ ⌈rate · 2³²⌉ (rate · 2³² is exact in float64); 0 means no dropout.
 */
function keepThreshold(rate: number): number {
  return rate > 0 ? Math.min(Math.ceil(rate * 2 ** 32), 2 ** 32 - 1) : 0;
}

/** Byte offsets of the forward pass's seven regions. */
type Seven = [number, number, number, number, number, number, number];

/** Lays out regions of float32 arrays in the kernel's memory, from its base. */
function regions(kernel: SimdKernel, sizes: number[]): { at: number[]; views: Float32Array[] } {
  const at: number[] = [];
  let offset = kernel.base;
  for (const s of sizes) {
    at.push(offset);
    offset += s * 4;
  }
  kernel.ensure(offset - kernel.base);
  return { at, views: sizes.map((s, i) => kernel.f32(at[i] as number, s)) };
}

function check(qkv: tf.Tensor, o: AttentionOptions): { d: number; dh: number } {
  const fn = 'fusedAttention';
  assertInteger(fn, 'batchSize', o.batchSize, { min: 1 });
  assertInteger(fn, 'seqLength', o.seqLength, { min: 1 });
  assertInteger(fn, 'heads', o.heads, { min: 1 });
  const rows = o.batchSize * o.seqLength;
  assert(
    qkv.rank === 2 &&
      qkv.shape[0] === rows &&
      (qkv.shape[1] as number) % (3 * o.heads) === 0 &&
      qkv.dtype === 'float32',
    () =>
      `${fn}: qkv must be float32 [batchSize · seqLength = ${rows}, 3 · hidden] with hidden a multiple of heads (${o.heads}); got ${qkv.dtype} ${describe(qkv.shape)}`,
    RangeError,
  );
  assert(
    o.mask.length === rows,
    () => `${fn}: mask must hold ${rows} values; got ${o.mask.length}`,
    RangeError,
  );
  const rate = o.dropout ?? 0;
  assert(rate >= 0 && rate < 1, () => `${fn}: dropout must be in [0, 1); got ${describe(rate)}`, RangeError);
  const d = (qkv.shape[1] as number) / 3;
  return { d, dh: d / o.heads };
}

/**
 * Multi-head self-attention as one op: from the fused projections `qkv` [B·S, 3d] (columns
 * [q | k | v], head h at h·dh … (h+1)·dh in each) to the context [B·S, d] —
 * softmax(Q·Kᵀ/√dh + padding mask) (with dropout) · V per batch row and head. The products (two
 * forward, four backward) run on `@ksub/simd`'s threaded kernel
 * with the head split done while packing, so no transpose op and no [B, H, S, S] tensor chain
 * reaches TF.js; softmax and its gradient are plain loops. The gradient is written out
 * (dV = Pᵀ·dC, dP = dC·Vᵀ, dS = P ⊙ (dP − Σ dP ⊙ P), dQ = dS·K/√dh, dK = dSᵀ·Q/√dh) and
 * tested against TF.js's own gradient of the composite ops.
 *
 * @throws RangeError naming the argument for shapes that do not fit, a bad mask length or dropout;
 *   Error when the runtime has no WebAssembly SIMD kernel.
 */
export function fusedAttention(qkv: tf.Tensor2D, options: AttentionOptions): tf.Tensor2D {
  const { d, dh } = check(qkv, options);
  const kernel = simdKernel();
  if (kernel === null)
    throw new Error('fusedAttention: this runtime has no WebAssembly SIMD with shared memory');
  const { batchSize: B, seqLength: S, heads: H, mask } = options;
  const rate = options.dropout ?? 0;
  const seed = options.seed ?? 0;
  const BH = B * H;
  const scale = 1 / sqrt(dh);
  const threshold = keepThreshold(rate);
  const keepScale = rate > 0 ? 1 / (1 - rate) : 1;
  const layout: HeadLayout = { batch: B, seq: S, heads: H, headDim: dh };
  // where the heads lie: q, k and v in the fused projections, and the context (or its gradient)
  const qCols: HeadColumns = { rowWidth: 3 * d, offset: 0 };
  const kCols: HeadColumns = { rowWidth: 3 * d, offset: d };
  const vCols: HeadColumns = { rowWidth: 3 * d, offset: 2 * d };
  const contextCols: HeadColumns = { rowWidth: d, offset: 0 };
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = (args[0] as tf.Tensor).dataSync() as Float32Array;
    // forward: scores = (Q/√dh)·Kᵀ; P = softmax over unmasked keys; P' = dropout(P); C = P'·V
    const n = BH * S * S;
    const fw = regions(kernel, [BH * S * dh, BH * S * dh, n, BH * dh * S, BH * S * dh, n, B * S]);
    const [qAt, kAt, sAt, vtAt, cAt, pAt, maskAt] = fw.at as Seven;
    packHeads(input, fw.views[0] as Float32Array, layout, { ...qCols, scale });
    packHeads(input, fw.views[1] as Float32Array, layout, kCols);
    packHeads(input, fw.views[3] as Float32Array, layout, { ...vCols, transposed: true });
    kernel.batchGemmNT(qAt, kAt, sAt, BH, S, S, dh);
    new Int32Array((fw.views[6] as Float32Array).buffer, maskAt, B * S).set(mask);
    kernel.attentionSoftmax(sAt, pAt, maskAt, BH * S, H, S, seed, threshold, keepScale);
    const probs = (fw.views[5] as Float32Array).slice(); // P before dropout, kept for the gradient
    const dropped = rate > 0 ? (fw.views[2] as Float32Array).slice() : probs; // P', kept for the gradient
    kernel.batchGemmNT(sAt, vtAt, cAt, BH, S, dh, S);
    const out = new Float32Array(B * S * d);
    unpackHeads(fw.views[4] as Float32Array, out, layout, contextCols);
    return {
      value: tf.tensor2d(out, [B * S, d]),
      gradFunc: (dy: tf.Tensor) => {
        const dOut = dy.dataSync() as Float32Array;
        const m = BH * S * dh;
        // regions: dC, dCᵀ, P'ᵀ, V, dV, dP, Kᵀ, dQ, (dS)ᵀ, Qᵀ, dK, P', P
        const bw = regions(kernel, [m, m, n, m, m, n, m, m, n, m, m, n, n]);
        const [dcAt, dctAt, ptAt, vAt, dvAt, dpAt, ktAt, dqAt, dstAt, qtAt, dkAt, droppedAt, probsAt] =
          bw.at as number[];
        const v = bw.views as Float32Array[];
        packHeads(dOut, v[0] as Float32Array, layout, contextCols);
        packHeads(dOut, v[1] as Float32Array, layout, { ...contextCols, transposed: true });
        (v[11] as Float32Array).set(dropped);
        (v[12] as Float32Array).set(probs);
        kernel.transpose(droppedAt as number, BH, S, S, ptAt as number);
        packHeads(input, v[3] as Float32Array, layout, vCols);
        packHeads(input, v[6] as Float32Array, layout, { ...kCols, transposed: true });
        packHeads(input, v[9] as Float32Array, layout, { ...qCols, transposed: true, scale });
        kernel.batchGemmNT(ptAt as number, dctAt as number, dvAt as number, BH, S, dh, S); // dV = P'ᵀ·dC
        kernel.batchGemmNT(dcAt as number, vAt as number, dpAt as number, BH, S, S, dh); // dP' = dC·Vᵀ
        // dS = P ⊙ (g − Σ g·P), g = dP' through the forward pass's dropout mask
        kernel.attentionSoftmaxGrad(dpAt as number, probsAt as number, BH * S, S, seed, threshold, keepScale);
        kernel.transpose(dpAt as number, BH, S, S, dstAt as number);
        kernel.batchGemmNT(dpAt as number, ktAt as number, dqAt as number, BH, S, dh, S); // dS·K
        kernel.batchGemmNT(dstAt as number, qtAt as number, dkAt as number, BH, S, dh, S); // dSᵀ·(Q/√dh)
        const grad = new Float32Array(B * S * 3 * d);
        unpackHeads(v[7] as Float32Array, grad, layout, { ...qCols, scale });
        unpackHeads(v[10] as Float32Array, grad, layout, kCols);
        unpackHeads(v[4] as Float32Array, grad, layout, vCols);
        return [tf.tensor2d(grad, [B * S, 3 * d])];
      },
    };
  });
  return f(qkv) as tf.Tensor2D;
}

/**
 * The same attention from TF.js ops (reshape, transpose, matMul, softmax), with the same dropout
 * mask — the reference {@link fusedAttention} is tested against, and the fallback without SIMD.
 */
export function compositeAttention(qkv: tf.Tensor2D, options: AttentionOptions): tf.Tensor2D {
  const { d, dh } = check(qkv, options);
  const { batchSize: B, seqLength: S, heads: H, mask } = options;
  const rate = options.dropout ?? 0;
  return tf.tidy(() => {
    const heads = tf.transpose(tf.reshape(qkv, [B, S, 3, H, dh]), [2, 0, 3, 1, 4]);
    const [q, k, v] = tf.unstack(heads, 0) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const bias = tf.reshape(tf.mul(tf.sub(tf.cast(tf.tensor2d(mask, [B, S], 'int32'), 'float32'), 1), 1e9), [
      B,
      1,
      1,
      S,
    ]);
    let probs = tf.softmax(tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / sqrt(dh)), bias), -1);
    if (rate > 0) {
      const seed = options.seed ?? 0;
      const keep = Float32Array.from({ length: B * H * S * S }, (_, i) =>
        attentionKeep(seed, i, rate) ? 1 / (1 - rate) : 0,
      );
      probs = tf.mul(probs, tf.tensor(keep, [B, H, S, S]));
    }
    return tf.reshape(tf.transpose(tf.matMul(probs, v), [0, 2, 1, 3]), [B * S, d]) as tf.Tensor2D;
  });
}
