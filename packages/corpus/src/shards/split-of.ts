import { createHash } from 'node:crypto';
import type { Split } from './manifest';

/**
 * The split of a document, from a hash of its id: the same document always lands in the same split,
 * whatever order the source yields it in and whatever else the corpus holds.
 *
 * @example
 * ```ts
 * splitOf('sotu/1790_george_washington_n', 0.01); // 'train' or 'validation', fixed forever
 * ```
 */
export function splitOf(id: string, validationFraction: number): Split {
  const h = createHash('sha256').update(id).digest().readUInt32BE(0);
  return h / 0x1_0000_0000 < validationFraction ? 'validation' : 'train';
}
