import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileError, withFileContext } from './file-error';

/**
 * Writes `data` to `path` and flushes it to disk before returning (the step before a rename that
 * publishes it; checkpoints write several such files, then rename their directory).
 *
 * @example
 * ```ts
 * await writeFileSynced('ckpt.tmp/model.bin', bytes);
 * ```
 */
export async function writeFileSynced(path: string, data: Uint8Array | string): Promise<void> {
  await withFileContext('write', path, async () => {
    const handle = await open(path, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  });
}

/**
 * Writes `data` to `path` so that a reader sees either the old file or the whole new one, never
 * a partial write: the bytes go to a temporary file in the same directory, are flushed to disk,
 * then renamed over `path`. Parent directories are created. Errors name `path` (Node's ENOSPC and
 * EISDIR messages do not).
 *
 * @example
 * ```ts
 * await writeFileAtomic('out/model.alloc', bytes);
 * ```
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await withFileContext('create the directory of', path, () => mkdir(dirname(path), { recursive: true }));
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFileSynced(tmp, data);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw fileError(error, 'write', path);
  }
}
