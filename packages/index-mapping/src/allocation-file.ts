import { sha256 } from '@noble/hashes/sha2';
import { type Allocation, FormatError, validateAllocation } from '@ksub/core';

/** First 8 bytes of every allocation file. */
export const ALLOCATION_MAGIC = 'KSUBALLC';
/** The format version this code writes; it reads this version only. */
export const ALLOCATION_FORMAT_VERSION = 1;

const PREFIX_BYTES = 16; // magic (8) + version (u32) + header length (u32)
const CHECKSUM_BYTES = 32; // SHA-256 of everything before it

/** The JSON header stored ahead of the codes. */
interface AllocationHeader {
  version: number;
  numTokens: number;
  numTables: number;
  rows: number[];
  widths: number[];
  method: string;
  seed?: number;
  metadata?: Record<string, unknown>;
}

/**
 * Serialises an allocation:
 * `KSUBALLC` · u32 version · u32 header length H · H bytes of JSON header (N, k, rows, widths,
 * method, seed, metadata, version) · N·k int32 codes (little-endian, token-major) · SHA-256 of
 * all preceding bytes. Self-describing, compact (4 bytes a code) and corruption-evident. Plain
 * typed arrays and `@noble/hashes` (a small audited pure-JS SHA-256, chosen over `node:crypto` so
 * the format reads and writes in browsers too).
 *
 * @example
 * ```ts
 * const bytes = encodeAllocation(allocation);
 * decodeAllocation(bytes).codes; // equal to allocation.codes
 * ```
 */
export function encodeAllocation(allocation: Allocation): Uint8Array {
  validateAllocation(allocation, 'encodeAllocation');
  const header: AllocationHeader = {
    version: ALLOCATION_FORMAT_VERSION,
    numTokens: allocation.numTokens,
    numTables: allocation.numTables,
    rows: [...allocation.rows],
    widths: [...allocation.widths],
    method: allocation.method,
    ...(allocation.seed === undefined ? {} : { seed: allocation.seed }),
    ...(allocation.metadata === undefined ? {} : { metadata: { ...allocation.metadata } }),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const codeBytes = allocation.codes.length * 4;
  const out = new Uint8Array(PREFIX_BYTES + headerBytes.length + codeBytes + CHECKSUM_BYTES);
  const view = new DataView(out.buffer);
  for (let i = 0; i < ALLOCATION_MAGIC.length; i++) out[i] = ALLOCATION_MAGIC.charCodeAt(i);
  view.setUint32(8, ALLOCATION_FORMAT_VERSION, true);
  view.setUint32(12, headerBytes.length, true);
  out.set(headerBytes, PREFIX_BYTES);
  const codesAt = PREFIX_BYTES + headerBytes.length;
  const codes = allocation.codes;
  for (let i = 0; i < codes.length; i++) view.setInt32(codesAt + i * 4, codes[i] as number, true);
  out.set(sha256(out.subarray(0, codesAt + codeBytes)), codesAt + codeBytes);
  return out;
}

/**
 * Parses bytes written by {@link encodeAllocation}.
 *
 * @param bytes - the file contents
 * @param source - a name for the bytes in error messages (a path)
 * @throws FormatError for a wrong magic, an unknown version, a truncated or oversized file, a
 *   checksum mismatch or an inconsistent header
 */
export function decodeAllocation(bytes: Uint8Array, source = '<bytes>'): Allocation {
  const fail = (what: string): never => {
    throw new FormatError(`loadAllocation: ${source}: ${what}`);
  };
  const buf = bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < PREFIX_BYTES)
    fail(`truncated: ${buf.length} bytes is shorter than the ${PREFIX_BYTES}-byte prefix`);
  const magic = String.fromCharCode(...buf.subarray(0, 8));
  if (magic !== ALLOCATION_MAGIC)
    fail(`not an allocation file (magic ${JSON.stringify(magic)}, expected "${ALLOCATION_MAGIC}")`);
  const version = view.getUint32(8, true);
  if (version !== ALLOCATION_FORMAT_VERSION) {
    fail(`unknown format version ${version}; this code reads version ${ALLOCATION_FORMAT_VERSION}`);
  }
  const headerLength = view.getUint32(12, true);
  if (PREFIX_BYTES + headerLength > buf.length)
    fail(`truncated: header of ${headerLength} bytes runs past the end (${buf.length} bytes)`);
  let header: AllocationHeader;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      buf.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength),
    );
    header = JSON.parse(text) as AllocationHeader;
  } catch (error) {
    return fail(`corrupt header (${(error as Error).message})`);
  }
  const { numTokens, numTables } = header;
  if (
    !Number.isSafeInteger(numTokens) ||
    !Number.isSafeInteger(numTables) ||
    numTokens < 1 ||
    numTables < 1
  ) {
    fail(`corrupt header: numTokens ${numTokens}, numTables ${numTables}`);
  }
  const codesAt = PREFIX_BYTES + headerLength;
  const expected = codesAt + numTokens * numTables * 4 + CHECKSUM_BYTES;
  if (buf.length < expected)
    fail(`truncated: expected ${expected} bytes for ${numTokens}×${numTables} codes, found ${buf.length}`);
  if (buf.length > expected) fail(`${buf.length - expected} unexpected bytes after the checksum`);
  const digest = sha256(buf.subarray(0, expected - CHECKSUM_BYTES));
  const stored = buf.subarray(expected - CHECKSUM_BYTES);
  if (digest.some((b, i) => b !== stored[i])) fail('checksum mismatch: the file is corrupt');
  const codes = new Int32Array(numTokens * numTables);
  for (let i = 0; i < codes.length; i++) codes[i] = view.getInt32(codesAt + i * 4, true);
  const allocation: Allocation = {
    numTokens,
    numTables,
    rows: header.rows,
    widths: header.widths,
    codes,
    method: header.method,
    seed: header.seed,
    metadata: header.metadata,
  };
  try {
    return validateAllocation(allocation, 'loadAllocation');
  } catch (error) {
    return fail(`inconsistent contents (${(error as Error).message})`);
  }
}
