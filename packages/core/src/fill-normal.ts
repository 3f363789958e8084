import { assert, describe } from './assert';

// Bound once: inside a vm context (Jest's test environment) every global lookup such as `Math.log`
// in a hot loop goes through the context's interceptor, measured 10× slower (5M logs: 1.0 s vs
// 0.08 s with a module-level binding).
const { cos, imul, log, sin, sqrt, PI } = Math;

/**
 * Fills `out` with normal(mean, stddev) values from a seeded xoshiro128** stream (Box–Muller, two
 * values per pair of uniforms) — weight initialisation for tens of millions of values (51M in
 * about 2 s). The same seed gives the same values on every platform.
 *
 * @throws RangeError for a non-finite mean, a negative or non-finite stddev, or a seed that is not
 *   an unsigned 32-bit integer.
 * @example
 * ```ts
 * const table = fillNormal(new Float32Array(50265 * 512), 0, 0.02, 1);
 * ```
 */
export function fillNormal(out: Float32Array, mean: number, stddev: number, seed: number): Float32Array {
  assert(Number.isFinite(mean), () => `fillNormal: mean must be finite; got ${describe(mean)}`, RangeError);
  assert(
    Number.isFinite(stddev) && stddev >= 0,
    () => `fillNormal: stddev must be a finite number ≥ 0; got ${describe(stddev)}`,
    RangeError,
  );
  assert(
    Number.isInteger(seed) && seed >= 0 && seed <= 0xffff_ffff,
    () => `fillNormal: seed must be an integer in [0, 2^32); got ${describe(seed)}`,
    RangeError,
  );
  // splitmix32 expands the seed into the four state words (never all zero)
  let z = seed >>> 0;
  const next = (): number => {
    z = (z + 0x9e3779b9) | 0;
    let t = z ^ (z >>> 16);
    t = imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
  let s0 = next();
  let s1 = next();
  let s2 = next();
  let s3 = next() | 1;
  const uniform = (): number => {
    const result = imul(((imul(s1, 5) << 7) | (imul(s1, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return (result + 0.5) / 4294967296; // in (0, 1): log never sees 0
  };
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    const r = stddev * sqrt(-2 * log(uniform()));
    const theta = 2 * PI * uniform();
    out[i] = mean + r * cos(theta);
    if (i + 1 < n) out[i + 1] = mean + r * sin(theta);
  }
  return out;
}
