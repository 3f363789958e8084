/**
 * Raised when stored bytes (an allocation file, a shard, a checkpoint) are truncated, corrupt,
 * or of a version this code cannot read. Distinct from argument errors so callers can tell
 * "you called me wrongly" from "the file on disk is bad".
 *
 * @example
 * ```ts
 * throw new FormatError('loadAllocation: checksum mismatch in model.alloc');
 * ```
 */
export class FormatError extends Error {
  override readonly name = 'FormatError';
}

/**
 * Raised by name registries (allocators, tokenizers, tasks) for an unknown name or a name
 * registered twice. Registries never overwrite silently.
 *
 * @example
 * ```ts
 * throw new RegistryError('getAllocator: no allocator named "radx"; known: radix, scattered');
 * ```
 */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
}
