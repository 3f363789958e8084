import type { FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** The `node:fs/promises` module object itself: a namespace import would be a copy. */
const fsPromises = createRequire(__filename)('node:fs/promises') as typeof import('node:fs/promises');

/**
 * Runs `body` and returns the length asked for by every `FileHandle.read` of the files it opens
 * with `fs/promises`' `open`, in order. For tests that must show a reader reads in chunks
 * (Node aborts on one read of 2 GiB or more) without a 2 GiB file.
 *
 * @example
 * ```ts
 * const lengths = await recordReadLengths(() => readNpy(path, { chunkBytes: 8 }));
 * Math.max(...lengths); // small
 * ```
 */
export async function recordReadLengths(body: () => Promise<unknown>): Promise<number[]> {
  const lengths: number[] = [];
  const realOpen = fsPromises.open;
  fsPromises.open = async (...args: Parameters<typeof realOpen>): Promise<FileHandle> => {
    const handle = await realOpen(...args);
    const realRead = handle.read.bind(handle) as (...a: unknown[]) => Promise<unknown>;
    (handle as { read: unknown }).read = (...a: unknown[]) => {
      lengths.push(typeof a[0] === 'object' && !ArrayBuffer.isView(a[0]) ? -1 : (a[2] as number));
      return realRead(...a);
    };
    return handle;
  };
  try {
    await body();
  } finally {
    fsPromises.open = realOpen;
  }
  return lengths;
}
