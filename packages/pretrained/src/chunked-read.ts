import { type FileHandle, open } from 'node:fs/promises';
import { assert, assertInteger, describe, FormatError, withFileContext } from '@ksub/core';

/**
 * The most bytes one `FileHandle.read` accepts: Node checks the length is an int32 and aborts the
 * process (`args[3]->IsInt32()`) beyond it, so a tensor over 2 GiB cannot be read in one call.
 */
export const MAX_READ_BYTES = 2 ** 31 - 1;

/** Bytes per read of {@link readChunked} by default: 64 MiB, a multiple of every dtype width. */
export const DEFAULT_CHUNK_BYTES = 64 * 1024 * 1024;

/** The largest chunk a value of up to 8 bytes never straddles: 2^31 − 8. */
export const MAX_CHUNK_BYTES = MAX_READ_BYTES - (MAX_READ_BYTES % 8);

/** Options of the readers that read a tensor's bytes in chunks. */
export interface ChunkedReadOptions {
  /**
   * Bytes per read (default 64 MiB): a positive multiple of 8 (so no value straddles two
   * chunks) of at most {@link MAX_CHUNK_BYTES}. Tests make it small to exercise the chunked path.
   */
  readonly chunkBytes?: number;
}

/**
 * The chunk size of `options`, checked.
 *
 * @param fn - the reader, for the message
 * @throws RangeError when it is not a positive multiple of 8 up to {@link MAX_CHUNK_BYTES}
 * @example
 * ```ts
 * chunkBytesOf('readNpy', {}); // DEFAULT_CHUNK_BYTES
 * ```
 */
export function chunkBytesOf(fn: string, options: ChunkedReadOptions): number {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  assert(
    Number.isSafeInteger(chunkBytes) &&
      chunkBytes > 0 &&
      chunkBytes % 8 === 0 &&
      chunkBytes <= MAX_CHUNK_BYTES,
    () =>
      `${fn}: chunkBytes must be a positive multiple of 8 up to ${MAX_CHUNK_BYTES}; got ${describe(chunkBytes)}`,
    RangeError,
  );
  return chunkBytes;
}

/** The part of a `FileHandle` the chunked reader uses (a test can pass a fake). */
export type ReadHandle = Pick<FileHandle, 'read'>;

/** One piece of a byte range: `size` bytes starting `offset` bytes into the range. */
export interface ChunkRange {
  readonly offset: number;
  readonly size: number;
}

/**
 * Splits `length` bytes into consecutive pieces of `chunkBytes`, the last holding the rest.
 *
 * @example
 * ```ts
 * [...chunkRanges(9, 8)]; // [{ offset: 0, size: 8 }, { offset: 8, size: 1 }]
 * ```
 */
export function* chunkRanges(length: number, chunkBytes: number): Generator<ChunkRange> {
  for (let offset = 0; offset < length; offset += chunkBytes)
    yield { offset, size: Math.min(chunkBytes, length - offset) };
}

/**
 * Reads `length` bytes of a file from `position`, at most `chunkBytes` per read into one reused
 * buffer, and hands each chunk to `visit` with its offset into the range. A chunk starts at a
 * multiple of `chunkBytes`, so with a chunk size that is a multiple of the element width no
 * element straddles two chunks. Short reads are continued.
 *
 * @param handle - an open file
 * @param path - the file, for messages
 * @param visit - gets a view that is valid only during the call
 * @throws FormatError naming the file when it ends before `position + length`
 * @throws RangeError when `chunkBytes` is not an integer in [1, {@link MAX_READ_BYTES}]
 * @example
 * ```ts
 * await readChunked(handle, path, start, bytes, DEFAULT_CHUNK_BYTES, (chunk, offset) => decode(chunk, offset));
 * ```
 */
export async function readChunked(
  handle: ReadHandle,
  path: string,
  position: number,
  length: number,
  chunkBytes: number,
  visit: (chunk: Buffer, offset: number) => void,
): Promise<void> {
  assertInteger('readChunked', 'chunkBytes', chunkBytes, { min: 1, max: MAX_READ_BYTES });
  const buffer = Buffer.alloc(Math.min(chunkBytes, length));
  for (const { offset, size } of chunkRanges(length, chunkBytes)) {
    let filled = 0;
    while (filled < size) {
      const at = position + offset + filled;
      const { bytesRead } = await handle.read(buffer, filled, size - filled, at);
      if (bytesRead === 0)
        throw new FormatError(
          `${path}: the file ends at byte ${at}; expected bytes ${position}–${position + length}`,
        );
      filled += bytesRead;
    }
    visit(buffer.subarray(0, size), offset);
  }
}

/**
 * Opens `path` for reading, runs `use` on the handle and closes it. A file-system error (a
 * directory given as the file, a missing file) comes out naming `path` (see `fileError`).
 *
 * @param action - what is being done, for the message (`read the .npy file`)
 * @example
 * ```ts
 * const size = await withReadHandle('read the .npy file', path, async (h) => (await h.stat()).size);
 * ```
 */
export function withReadHandle<T>(
  action: string,
  path: string,
  use: (handle: FileHandle) => Promise<T>,
): Promise<T> {
  return withFileContext(action, path, async () => {
    const handle = await open(path, 'r');
    try {
      return await use(handle);
    } finally {
      await handle.close();
    }
  });
}
