import type {} from './webassembly-types';
import { setFlagsFromString } from 'node:v8';

/**
 * Where {@link SimdKernel} learns whether relaxed SIMD (fused multiply-add) can run, in Node. The
 * browser build uses `relaxed-simd.browser.ts` in its place (same exports, no `node:` module).
 */

/** The V8 flag that turns relaxed SIMD on in Node 20 (V8 11.3); Node ≥ 22 has it on by default. */
const RELAXED_SIMD_FLAG = '--experimental-wasm-relaxed-simd';

/**
 * Whether this runtime compiles `bytes`, a module that uses relaxed SIMD. In Node 20, whose V8 has
 * relaxed SIMD behind {@link RELAXED_SIMD_FLAG}, the flag is turned on once (it only adds
 * instructions modules may use) and the module validated again.
 */
export function relaxedSimdSupported(bytes: Uint8Array): boolean {
  if (WebAssembly.validate(bytes)) return true;
  try {
    setFlagsFromString(RELAXED_SIMD_FLAG);
  } catch {
    return false; // a runtime with Node's API but not V8's flags (e.g. Bun)
  }
  return WebAssembly.validate(bytes);
}

/** The `KSUB_SIMD_FMA` environment variable, if set. */
export function fmaSetting(): string | undefined {
  return process.env['KSUB_SIMD_FMA'];
}
