import type { Allocation } from '@ksub/core';
import type { AllocationRequest, Allocator } from '../allocator';
import { normalizeRequest } from '../normalize-request';
import { digitCodes } from './digit-codes';

/**
 * Algorithm 1 of the k-sub-embedding paper, in id order: token n's row in table j is the j-th
 * base-M digit of n, f_j(n) = ⌊n / M^j⌋ mod M (j from 0, least significant digit first), with
 * M = `minimalRows(N, k)` unless `rows` is given. Uses `seed` only to record it; the result does
 * not depend on it. With k = 2 this is the quotient–remainder trick of compositional embeddings.
 *
 * Request fields used: numTokens, numTables, dim, rows, widths, specialTokens.
 *
 * @example
 * ```ts
 * const a = await new RadixAllocator().allocate({ numTokens: 10, numTables: 2, dim: 4 });
 * a.rows; // [4, 4]; token 9 → codes [1, 2] (9 = 1 + 2·4)
 * ```
 */
export class RadixAllocator implements Allocator {
  readonly name = 'radix';
  readonly randomized = false;
  readonly requiresEmbeddings = false;

  async allocate(request: AllocationRequest): Promise<Allocation> {
    const fn = 'radix.allocate';
    return digitCodes(normalizeRequest(request, fn), null, this.name, fn);
  }
}
