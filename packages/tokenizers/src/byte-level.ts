/**
 * GPT-2's byte-to-character table: printable Latin-1 bytes map to themselves, the other 68 bytes
 * to U+0100 onwards, so every byte string is a printable string (a space becomes "Ġ"). Byte-level
 * BPE vocabularies in Hugging Face files are written this way.
 */
function buildTable(): string[] {
  const table = new Array<string>(256);
  let next = 256;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
    table[b] = String.fromCodePoint(printable ? b : next++);
  }
  return table;
}

const TABLE = buildTable();

/**
 * Writes bytes as a byte-level BPE token string.
 *
 * @example
 * ```ts
 * bytesToByteLevel(new TextEncoder().encode(' the')); // 'Ġthe'
 * ```
 */
export function bytesToByteLevel(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += TABLE[b];
  return out;
}
