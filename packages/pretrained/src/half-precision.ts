/**
 * IEEE 754 half precision (binary16) to a JavaScript number: subnormals, infinities and NaN
 * included.
 *
 * @example
 * ```ts
 * float16ToNumber(0x3c00); // 1
 * ```
 */
export function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : Number.NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

const scratch = new DataView(new ArrayBuffer(4));

/**
 * bfloat16 (the upper 16 bits of a float32) to a JavaScript number.
 *
 * @example
 * ```ts
 * bfloat16ToNumber(0x3f80); // 1
 * ```
 */
export function bfloat16ToNumber(bits: number): number {
  scratch.setUint32(0, (bits & 0xffff) << 16);
  return scratch.getFloat32(0);
}
