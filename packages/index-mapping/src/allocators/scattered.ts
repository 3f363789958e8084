import { type Allocation, Rng } from '@ksub/core';
import type { AllocationRequest, Allocator } from '../allocator';
import { normalizeRequest } from '../normalize-request';
import { digitCodes } from './digit-codes';

/**
 * A seeded variant of Algorithm 1: token ids are first put through a seeded permutation, then
 * given base-M digits as in {@link RadixAllocator}. Row sharing then carries no information
 * about id order (in byte-level BPE vocabularies neighbouring ids are often related). The paper's
 * Tables 2–4 use Algorithm 1 as printed — `radix`, digits in id order — which it calls "random"
 * in the sense of not informed by meaning; this variant is ours, offered for comparison and not
 * run by the experiment grid.
 *
 * Request fields used: numTokens, numTables, dim, seed, rows, widths, specialTokens.
 *
 * @example
 * ```ts
 * const a = await new ScatteredAllocator().allocate({ numTokens: 50265, numTables: 3, dim: 512, seed: 1 });
 * a.rows; // [37, 37, 37]
 * ```
 */
export class ScatteredAllocator implements Allocator {
  readonly name = 'scattered';
  readonly randomized = true;
  readonly requiresEmbeddings = false;

  async allocate(request: AllocationRequest): Promise<Allocation> {
    const fn = 'scattered.allocate';
    const normalized = normalizeRequest(request, fn);
    const ordinaryCount = normalized.numTokens - normalized.specialTokens.length;
    const order = Rng.fromSeed(normalized.seed).permutation(ordinaryCount);
    return digitCodes(normalized, order, this.name, fn);
  }
}
