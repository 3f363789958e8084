import { createHash } from 'node:crypto';

/**
 * SHA-256 (hex) of the given file contents in order, each length-prefixed so that moving bytes
 * from one file to the next changes the hash.
 *
 * @example
 * ```ts
 * filesHash([jsonText, configText]);
 * ```
 */
export function filesHash(contents: ReadonlyArray<string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const c of contents) {
    const bytes = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}
