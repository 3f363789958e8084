import type * as tf from '@tensorflow/tfjs-core';
import { assert } from '@ksub/core';

/**
 * IEEE 754 binary16 bit patterns of float32 values, rounded to nearest, ties to even: magnitudes
 * from 65520 up (and ±∞) become ±∞, those below 2^-14 become subnormals (or a signed zero at and
 * below 2^-25), NaN a quiet NaN keeping its sign and top payload bits. The exact inverse, for
 * every half value, of the decoder TF.js's `decodeWeights` applies to `float16`-quantized weights.
 *
 * @example
 * ```ts
 * float32ToFloat16(Float32Array.of(1, 0.1, 65520)); // Uint16Array [0x3c00, 0x2e66, 0x7c00]
 * ```
 */
export function float32ToFloat16(values: Float32Array): Uint16Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < bits.length; i++) out[i] = halfBits(bits[i] as number);
  return out;
}

/** binary16 pattern of a binary32 pattern (see {@link float32ToFloat16}). */
function halfBits(x: number): number {
  const sign = (x >>> 16) & 0x8000;
  const abs = x & 0x7fffffff;
  if (abs >= 0x7f800000) return abs === 0x7f800000 ? sign | 0x7c00 : sign | 0x7e00 | ((abs >>> 13) & 0x3ff);
  // 65520 is the midpoint between 65504 (odd mantissa 0x3ff) and 2^16: it and all above round to ∞
  if (abs >= 0x477ff000) return sign | 0x7c00;
  if (abs >= 0x38800000) {
    // normal: rebias the exponent (127 → 15), keep the top 10 mantissa bits, round on the 13 dropped
    const h = (abs - 0x38000000) >>> 13;
    const rest = abs & 0x1fff;
    return sign | (rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1) ? h + 1 : h);
  }
  // 2^-25 is the midpoint between 0 and the least subnormal 2^-24 and rounds to (even) zero
  if (abs <= 0x33000000) return sign;
  // subnormal: value / 2^-24 = significand · 2^(e − 150 + 24), a right shift by 126 − e ∈ [14, 24]
  const significand = (abs & 0x7fffff) | 0x800000;
  const shift = 126 - (abs >>> 23);
  const q = significand >>> shift;
  const rest = significand & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  // q + 1 may reach 0x400, the least normal: the pattern is still right
  return sign | (rest > half || (rest === half && (q & 1) === 1) ? q + 1 : q);
}

/** Storage types of saved weights: float32 as trained, or IEEE half floats at half the size. */
export type SavedWeightsDtype = 'float32' | 'float16';

/**
 * A weights manifest entry as tfjs-converter's `--quantize_float16` writes it: TF.js's own type
 * lacks `original_dtype`, which the converter records and `decodeWeights` ignores.
 */
type Float16Entry = tf.io.WeightsManifestEntry & {
  quantization: { dtype: 'float16'; original_dtype: 'float32' };
};

/**
 * The float32 weights of `data` stored as half floats, with the manifest entries that tell
 * `tf.io.decodeWeights` (and so any TF.js weights reader) to widen them back; other dtypes are
 * copied unchanged.
 */
export function quantizeFloat16(
  data: Uint8Array,
  specs: tf.io.WeightsManifestEntry[],
): { data: Uint8Array; specs: tf.io.WeightsManifestEntry[] } {
  const chunks: Uint8Array[] = [];
  const out: tf.io.WeightsManifestEntry[] = [];
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.dtype === 'float32' && spec.quantization === undefined) {
      // copied first: a Float32Array view needs a 4-byte-aligned offset
      const values = new Float32Array(data.slice(offset, offset + size * 4).buffer);
      const half = float32ToFloat16(values);
      chunks.push(new Uint8Array(half.buffer));
      const entry: Float16Entry = {
        ...spec,
        quantization: { dtype: 'float16', original_dtype: 'float32' },
      };
      out.push(entry);
      offset += size * 4;
    } else {
      const bytes = size * (spec.dtype === 'bool' ? 1 : 4);
      assert(
        spec.dtype !== 'string' && spec.dtype !== 'complex64' && spec.quantization === undefined,
        () =>
          `saveMaskedLm: weight ${JSON.stringify(spec.name)} of dtype ${spec.dtype} cannot be stored as float16`,
      );
      chunks.push(data.subarray(offset, offset + bytes));
      out.push(spec);
      offset += bytes;
    }
  }
  const joined = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    joined.set(c, at);
    at += c.byteLength;
  }
  return { data: joined, specs: out };
}
