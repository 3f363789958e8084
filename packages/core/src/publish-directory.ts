import { lstat, readdir, rename, rm } from 'node:fs/promises';
import { withFileContext } from './file-error';

/** Options of {@link publishDirectory}. */
export interface PublishDirectoryOptions {
  /**
   * Whether an existing directory at the destination is one this code wrote (a manifest or
   * config file it recognises), and so may be replaced.
   */
  readonly owns: (dir: string) => Promise<boolean>;
  /** What the directory holds, for messages (`a ksub model`, `a ksub corpus`). */
  readonly what: string;
  /** Caller, first word of error messages. */
  readonly fn: string;
}

/**
 * Moves a finished temporary directory `tmp` to `dir`, replacing only what this code wrote.
 * When `dir` does not exist, `tmp` is renamed into place. When it exists and `owns(dir)` says it
 * is ours (or it is an empty directory), it is renamed aside, `tmp` moved in, and only then the
 * old one removed, so a crash leaves the old or the new directory, never a mix. Anything else at
 * `dir` (a user's files, a plain file) is refused and left untouched, and `tmp` is removed.
 *
 * @throws Error naming `dir` and what is there when it is not ours
 * @example
 * ```ts
 * await publishDirectory('runs/x/model.tmp-42', 'runs/x/model', {
 *   fn: 'saveMaskedLm', what: 'a ksub model', owns: isSavedModel,
 * });
 * ```
 */
export async function publishDirectory(
  tmp: string,
  dir: string,
  options: PublishDirectoryOptions,
): Promise<void> {
  const { fn, what, owns } = options;
  let existing: Awaited<ReturnType<typeof lstat>> | null;
  try {
    existing = await lstat(dir);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
    existing = null;
  }
  if (existing === null) {
    await withFileContext('move the new directory to', dir, () => rename(tmp, dir));
    return;
  }
  const replaceable = existing.isDirectory() && ((await readdir(dir)).length === 0 || (await owns(dir)));
  if (!replaceable) {
    await rm(tmp, { recursive: true, force: true });
    throw new Error(
      `${fn}: ${dir} exists and is not ${what} (${existing.isDirectory() ? 'a directory of other files' : 'a file'}); ` +
        'refusing to replace it: move it away or choose another path',
    );
  }
  const aside = `${dir}.old-${process.pid}`;
  await rm(aside, { recursive: true, force: true });
  await withFileContext('move aside the previous', dir, () => rename(dir, aside));
  await withFileContext('move the new directory to', dir, () => rename(tmp, dir));
  await rm(aside, { recursive: true, force: true });
}
