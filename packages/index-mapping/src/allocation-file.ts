import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Allocation, FormatError, validateAllocation, writeFileAtomic } from '@ksub/core';

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
 * all preceding bytes. Self-describing, compact (4 bytes a code) and corruption-evident.
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
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const codeBytes = allocation.codes.length * 4;
  const out = Buffer.alloc(PREFIX_BYTES + headerBytes.length + codeBytes + CHECKSUM_BYTES);
  out.write(ALLOCATION_MAGIC, 0, 'latin1');
  out.writeUInt32LE(ALLOCATION_FORMAT_VERSION, 8);
  out.writeUInt32LE(headerBytes.length, 12);
  headerBytes.copy(out, PREFIX_BYTES);
  const codesAt = PREFIX_BYTES + headerBytes.length;
  const codes = allocation.codes;
  for (let i = 0; i < codes.length; i++) out.writeInt32LE(codes[i] as number, codesAt + i * 4);
  const body = out.subarray(0, codesAt + codeBytes);
  createHash('sha256')
    .update(body)
    .digest()
    .copy(out, codesAt + codeBytes);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
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
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < PREFIX_BYTES)
    fail(`truncated: ${buf.length} bytes is shorter than the ${PREFIX_BYTES}-byte prefix`);
  const magic = buf.toString('latin1', 0, 8);
  if (magic !== ALLOCATION_MAGIC)
    fail(`not an allocation file (magic ${JSON.stringify(magic)}, expected "${ALLOCATION_MAGIC}")`);
  const version = buf.readUInt32LE(8);
  if (version !== ALLOCATION_FORMAT_VERSION) {
    fail(`unknown format version ${version}; this code reads version ${ALLOCATION_FORMAT_VERSION}`);
  }
  const headerLength = buf.readUInt32LE(12);
  if (PREFIX_BYTES + headerLength > buf.length)
    fail(`truncated: header of ${headerLength} bytes runs past the end (${buf.length} bytes)`);
  let header: AllocationHeader;
  try {
    header = JSON.parse(buf.toString('utf8', PREFIX_BYTES, PREFIX_BYTES + headerLength)) as AllocationHeader;
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
  const digest = createHash('sha256')
    .update(buf.subarray(0, expected - CHECKSUM_BYTES))
    .digest();
  if (!digest.equals(buf.subarray(expected - CHECKSUM_BYTES))) fail('checksum mismatch: the file is corrupt');
  const codes = new Int32Array(numTokens * numTables);
  for (let i = 0; i < codes.length; i++) codes[i] = buf.readInt32LE(codesAt + i * 4);
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
