import { createHash } from 'node:crypto';
import { assert, describe, FormatError } from '@ksub/core';

/** First 8 bytes of every shard. */
export const SHARD_MAGIC = 'KSUBSHRD';
/** The shard format version this code writes and reads. */
export const SHARD_FORMAT_VERSION = 1;
const HEADER_BYTES = 32; // magic 8, version 4, bytes/token 4, sequences 4, reserved 4, tokens 8
const CHECKSUM_BYTES = 32;

/** A decoded shard: sequence i is `tokens[offsets[i] .. offsets[i + 1])`. */
export interface Shard {
  /** numSequences + 1 token offsets. */
  readonly offsets: Uint32Array;
  /** All tokens, Uint16 when the vocabulary fits in 16 bits, else Uint32. */
  readonly tokens: Uint16Array | Uint32Array;
}

/** Bytes per token for a vocabulary: 2 up to 65,536 ids, else 4. */
export function bytesPerToken(vocabSize: number): 2 | 4 {
  return vocabSize <= 0x10000 ? 2 : 4;
}

/**
 * Serialises packed sequences: `KSUBSHRD` · u32 version · u32 bytes per token · u32 sequences ·
 * u32 reserved · u64 tokens · (sequences + 1) u32 offsets · tokens (u16 or u32 LE) · SHA-256 of all
 * preceding bytes.
 *
 * @throws RangeError when a token does not fit the chosen width
 * @example
 * ```ts
 * const bytes = encodeShard([Int32Array.of(0, 10, 2)], 2);
 * ```
 */
export function encodeShard(sequences: readonly Int32Array[], width: 2 | 4): Buffer {
  const count = sequences.length;
  const total = sequences.reduce((n, s) => n + s.length, 0);
  const buf = Buffer.alloc(HEADER_BYTES + (count + 1) * 4 + total * width + CHECKSUM_BYTES);
  buf.write(SHARD_MAGIC, 0, 'latin1');
  buf.writeUInt32LE(SHARD_FORMAT_VERSION, 8);
  buf.writeUInt32LE(width, 12);
  buf.writeUInt32LE(count, 16);
  buf.writeBigUInt64LE(BigInt(total), 24);
  let at = HEADER_BYTES;
  let offset = 0;
  buf.writeUInt32LE(0, at);
  for (const s of sequences) {
    offset += s.length;
    at += 4;
    buf.writeUInt32LE(offset, at);
  }
  at += 4;
  const limit = width === 2 ? 0xffff : 0xffffffff;
  for (const s of sequences) {
    for (let i = 0; i < s.length; i++) {
      const id = s[i] as number;
      assert(
        id >= 0 && id <= limit,
        () => `encodeShard: token ids must fit ${width} bytes; got ${describe(id)}`,
        RangeError,
      );
      if (width === 2) buf.writeUInt16LE(id, at);
      else buf.writeUInt32LE(id, at);
      at += width;
    }
  }
  createHash('sha256').update(buf.subarray(0, at)).digest().copy(buf, at);
  return buf;
}

/**
 * The SHA-256 (hex) a shard carries in its last 32 bytes, which the manifest also records.
 */
export function shardChecksum(bytes: Uint8Array): string {
  return Buffer.from(
    bytes.buffer,
    bytes.byteOffset + bytes.byteLength - CHECKSUM_BYTES,
    CHECKSUM_BYTES,
  ).toString('hex');
}

/**
 * Parses and verifies a shard written by {@link encodeShard}.
 *
 * @param source - the file name, for error messages
 * @throws FormatError for a wrong magic or version, a truncated file, inconsistent offsets or a
 *   checksum mismatch
 */
export function decodeShard(bytes: Uint8Array, source: string): Shard {
  const fail = (what: string): never => {
    throw new FormatError(`decodeShard: ${source}: ${what}`);
  };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < HEADER_BYTES + 4 + CHECKSUM_BYTES) fail(`truncated: ${buf.length} bytes`);
  if (buf.toString('latin1', 0, 8) !== SHARD_MAGIC) fail('not a ksub shard (bad magic)');
  const version = buf.readUInt32LE(8);
  if (version !== SHARD_FORMAT_VERSION)
    fail(`unknown format version ${version}; this code reads ${SHARD_FORMAT_VERSION}`);
  const width = buf.readUInt32LE(12);
  if (width !== 2 && width !== 4) fail(`bytes per token must be 2 or 4; got ${width}`);
  const count = buf.readUInt32LE(16);
  const total = Number(buf.readBigUInt64LE(24));
  const expected = HEADER_BYTES + (count + 1) * 4 + total * width + CHECKSUM_BYTES;
  if (buf.length !== expected)
    fail(
      `${buf.length < expected ? 'truncated' : 'too long'}: expected ${expected} bytes, found ${buf.length}`,
    );
  const digest = createHash('sha256')
    .update(buf.subarray(0, expected - CHECKSUM_BYTES))
    .digest();
  if (!digest.equals(buf.subarray(expected - CHECKSUM_BYTES)))
    fail('checksum mismatch: the shard is corrupt');
  const offsets = new Uint32Array(count + 1);
  for (let i = 0; i <= count; i++) offsets[i] = buf.readUInt32LE(HEADER_BYTES + i * 4);
  for (let i = 0; i < count; i++)
    if ((offsets[i] as number) > (offsets[i + 1] as number)) fail(`offsets decrease at sequence ${i}`);
  if (offsets[count] !== total) fail(`offsets end at ${offsets[count]}, header says ${total} tokens`);
  const start = HEADER_BYTES + (count + 1) * 4;
  const copy = Uint8Array.prototype.slice.call(buf, start, start + total * width);
  if (!isLittleEndian()) fail('big-endian hosts are not supported (shards are little-endian)');
  const tokens =
    width === 2 ? new Uint16Array(copy.buffer, 0, total) : new Uint32Array(copy.buffer, 0, total);
  return { offsets, tokens };
}

function isLittleEndian(): boolean {
  return new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
}
