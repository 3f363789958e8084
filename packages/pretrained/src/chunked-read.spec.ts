import { FormatError } from '@ksub/core';
import {
  chunkRanges,
  DEFAULT_CHUNK_BYTES,
  MAX_READ_BYTES,
  readChunked,
  type ReadHandle,
} from './chunked-read';

/** A handle over `bytes` that records every read and returns at most `cap` bytes per call. */
function fakeHandle(bytes: Uint8Array | number, cap = Infinity) {
  const size = typeof bytes === 'number' ? bytes : bytes.length;
  const calls: Array<[number, number]> = [];
  const handle: ReadHandle = {
    read: (async (buffer: Buffer, offset: number, length: number, position: number) => {
      if (length > MAX_READ_BYTES) throw new RangeError(`args[3]->IsInt32(): length ${length}`); // what Node aborts on
      calls.push([position, length]);
      const n = Math.max(0, Math.min(length, cap, size - position));
      if (typeof bytes !== 'number') buffer.set(bytes.subarray(position, position + n), offset);
      return { bytesRead: n, buffer };
    }) as ReadHandle['read'],
  };
  return { handle, calls };
}

describe('chunkRanges', () => {
  it('splits a range at exact multiples of the chunk, the last piece holding the rest', () => {
    expect([...chunkRanges(0, 8)]).toEqual([]);
    expect([...chunkRanges(8, 8)]).toEqual([{ offset: 0, size: 8 }]);
    expect([...chunkRanges(9, 8)]).toEqual([
      { offset: 0, size: 8 },
      { offset: 8, size: 1 },
    ]);
    expect([...chunkRanges(16, 8)]).toEqual([
      { offset: 0, size: 8 },
      { offset: 8, size: 8 },
    ]);
  });

  it('never asks Node for more than 2^31 − 1 bytes at once, around the 2 GiB boundary', () => {
    const chunk = MAX_READ_BYTES - 7; // the largest multiple of 8 a single read accepts
    expect(chunk % 8).toBe(0);
    for (const length of [2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 3 * chunk, 3 * chunk + 1, 5 * 2 ** 30]) {
      const pieces = [...chunkRanges(length, chunk)];
      expect(pieces.every((p) => p.size > 0 && p.size <= MAX_READ_BYTES)).toBe(true);
      let next = 0; // each piece starts where the one before ended
      for (const p of pieces) next = p.offset === next ? next + p.size : NaN;
      expect(next).toBe(length);
    }
    expect([...chunkRanges(2 ** 31, chunk)].map((p) => p.size)).toEqual([chunk, 8]);
    expect(DEFAULT_CHUNK_BYTES % 8 === 0 && DEFAULT_CHUNK_BYTES <= MAX_READ_BYTES).toBe(true);
  });
});

describe('readChunked', () => {
  const bytes = Uint8Array.from({ length: 40 }, (_, i) => i);

  it('hands over every byte of the range once, in order, each read at most a chunk', async () => {
    const { handle, calls } = fakeHandle(bytes);
    const seen: number[] = [];
    await readChunked(handle, 'f.bin', 3, 30, 8, (chunk, offset) => {
      expect(offset).toBe(seen.length);
      seen.push(...chunk);
    });
    expect(seen).toEqual(Array.from(bytes.subarray(3, 33)));
    expect(calls).toEqual([
      [3, 8],
      [11, 8],
      [19, 8],
      [27, 6],
    ]);
  });

  it('keeps reading after a short read', async () => {
    const { handle, calls } = fakeHandle(bytes, 5);
    const seen: number[] = [];
    await readChunked(handle, 'f.bin', 0, 16, 8, (chunk) => seen.push(...chunk));
    expect(seen).toEqual(Array.from(bytes.subarray(0, 16)));
    expect(calls).toEqual([
      [0, 8],
      [5, 3],
      [8, 8],
      [13, 3],
    ]);
  });

  it('reads a range over 2 GiB with the default chunk in reads Node accepts', async () => {
    const length = 2 ** 31 + 8;
    const { handle, calls } = fakeHandle(length + 100);
    let total = 0;
    await readChunked(handle, 'big.safetensors', 100, length, DEFAULT_CHUNK_BYTES, (chunk) => {
      total += chunk.length;
    });
    expect(total).toBe(length);
    expect(Math.max(...calls.map(([, n]) => n))).toBe(DEFAULT_CHUNK_BYTES);
  });

  it('throws FormatError naming the file and the bytes when the file ends early', async () => {
    const { handle } = fakeHandle(bytes);
    await expect(readChunked(handle, 'f.bin', 20, 30, 8, () => undefined)).rejects.toThrow(
      new FormatError('f.bin: the file ends at byte 40; expected bytes 20–50'),
    );
  });

  it('rejects a chunk size Node cannot read at once', async () => {
    const { handle } = fakeHandle(bytes);
    await expect(readChunked(handle, 'f.bin', 0, 8, 2 ** 31, () => undefined)).rejects.toThrow(
      new RangeError('readChunked: chunkBytes must be an integer in [1, 2147483647]; got 2147483648'),
    );
  });
});
