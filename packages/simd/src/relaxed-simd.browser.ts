import type {} from './webassembly-types';
/**
 * The browser's stand-in for `relaxed-simd.ts`: a browser either ships relaxed SIMD (Chrome ≥ 114,
 * Firefox ≥ 120 on most CPUs) or not; there is no flag a page can turn on.
 */

/** Whether this runtime compiles `bytes`, a module that uses relaxed SIMD. */
export function relaxedSimdSupported(bytes: Uint8Array): boolean {
  return WebAssembly.validate(bytes);
}

/** Browsers have no environment variables. */
export function fmaSetting(): string | undefined {
  return undefined;
}
