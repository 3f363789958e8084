import { readFile } from 'node:fs/promises';
import type { Allocation } from '@ksub/core';
import { writeFileAtomic } from '@ksub/core/node';
import { decodeAllocation, encodeAllocation } from './allocation-file';

/**
 * Writes an allocation file atomically (see {@link encodeAllocation} for the layout).
 *
 * @example
 * ```ts
 * await saveAllocation('runs/3sub.alloc', allocation);
 * ```
 */
export async function saveAllocation(path: string, allocation: Allocation): Promise<void> {
  await writeFileAtomic(path, encodeAllocation(allocation));
}

/**
 * Reads and verifies an allocation file.
 *
 * @throws FormatError when the file is truncated, corrupt or of an unknown version
 * @example
 * ```ts
 * const allocation = await loadAllocation('runs/3sub.alloc');
 * ```
 */
export async function loadAllocation(path: string): Promise<Allocation> {
  return decodeAllocation(await readFile(path), path);
}
