import { SimdKernel } from '@ksub/simd';
import { simdKernel } from './simd-mat-mul';

let own: SimdKernel | undefined;
let calls = 0;

/**
 * The decoder losses' own kernel (a memory and worker threads of its own, idle between calls), or
 * null where {@link simdKernel} is (no WebAssembly SIMD, or a device backend): the [n × N] logit gradient stays in that memory from a loss's
 * forward pass to its backward pass while the encoder's products in between use the shared kernel.
 */
export function decoderKernel(): SimdKernel | null {
  if (simdKernel() === null) return null;
  own ??= SimdKernel.create();
  return own;
}

/** Claims the decoder kernel's memory for a new forward pass; returns the claim's number. */
export function claimDecoderMemory(): number {
  return ++calls;
}

/**
 * Checks that no other decoder loss ran since claim `call` (its gradient would be overwritten).
 *
 * @throws Error naming the op.
 */
export function checkDecoderClaim(fn: string, call: number): void {
  if (call !== calls)
    throw new Error(
      `${fn}: another decoder loss ran between this one and its gradient; differentiate one at a time`,
    );
}
