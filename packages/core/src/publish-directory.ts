import { randomBytes } from 'node:crypto';
import { lstat, readdir, rename, rm } from 'node:fs/promises';
import { fileError } from './file-error';

/** Options of {@link publishDirectory}. */
export interface PublishDirectoryOptions {
  /**
   * Whether a directory is one this code wrote (a manifest or config file it recognises), and so
   * may be replaced. Asked of the existing directory before, and again after, it is moved aside.
   */
  readonly owns: (dir: string) => Promise<boolean>;
  /** What the directory holds, for messages (`a saved ksub model`, `a ksub corpus`). */
  readonly what: string;
  /** Caller, first word of error messages. */
  readonly fn: string;
}

async function move(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    throw fileError(error, `move ${from} to`, to);
  }
}

/** Renames `aside` back to `path`; says where the old directory is now. */
async function putBack(aside: string, path: string): Promise<string> {
  try {
    await rename(aside, path);
    return `put back at ${path}`;
  } catch (error) {
    return `left at ${aside} (it could not be put back: ${(error as Error).message})`;
  }
}

/**
 * Says whether {@link publishDirectory} may put a directory at `dir`, so a long job can refuse
 * before it starts rather than when it saves: `absent`, `empty` (an empty directory) or `ours`
 * (`owns` recognises it).
 *
 * @throws Error naming `dir` and what is there (a user's directory, a file, a symbolic link)
 * @example
 * ```ts
 * await checkReplaceable('runs/ft', { fn: 'finetune', what: 'a saved ksub model', owns: isSavedModel });
 * ```
 */
export async function checkReplaceable(
  dir: string,
  options: PublishDirectoryOptions,
): Promise<'absent' | 'empty' | 'ours'> {
  let existing;
  try {
    existing = await lstat(dir);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw fileError(error, 'inspect', dir);
    return 'absent';
  }
  const refuse = (there: string) =>
    new Error(
      `${options.fn}: ${dir} exists and is not ${options.what} (${there}); refusing to replace it: move it away or choose another path`,
    );
  if (existing.isSymbolicLink()) throw refuse('a symbolic link');
  if (!existing.isDirectory()) throw refuse('a file');
  if ((await readdir(dir)).length === 0) return 'empty';
  if (!(await options.owns(dir))) throw refuse('a directory of other files');
  return 'ours';
}

/**
 * Moves a finished temporary directory `tmp` to `dir`, replacing only what this code wrote: the
 * one mechanism behind saved models and packed corpora, so no command deletes what it did not
 * write.
 * - Nothing at `dir`, or an empty directory: `tmp` is renamed into place (the file system refuses
 *   the rename if files appear there meanwhile).
 * - A directory that `owns` recognises: it is renamed aside and checked again (if it changed in
 *   between, it is put back and refused), `tmp` is moved in (if that fails, the old one is put
 *   back), and only then is the old one deleted. A crash leaves the old or the new directory
 *   whole, in place or beside it.
 * - Anything else (a user's directory, a file, a symbolic link): refused, untouched.
 *
 * `tmp` stays where it is when this throws; the caller removes it.
 *
 * @throws Error naming `dir` and what is there when it may not be replaced, or a move fails
 * @example
 * ```ts
 * await publishDirectory('runs/x/model.tmp-42', 'runs/x/model', {
 *   fn: 'saveMaskedLm', what: 'a saved ksub model', owns: isSavedModel,
 * });
 * ```
 */
export async function publishDirectory(
  tmp: string,
  dir: string,
  options: PublishDirectoryOptions,
): Promise<void> {
  const { fn, what, owns } = options;
  if ((await checkReplaceable(dir, options)) !== 'ours') {
    await move(tmp, dir);
    return;
  }
  const aside = `${dir}.old-${process.pid}-${randomBytes(4).toString('hex')}`;
  await move(dir, aside);
  if (!(await owns(aside)))
    throw new Error(
      `${fn}: ${dir} changed while it was being replaced (it is no longer ${what}); ${await putBack(aside, dir)}, nothing was replaced`,
    );
  try {
    await move(tmp, dir);
  } catch (error) {
    throw new Error(`${(error as Error).message}; the old one: ${await putBack(aside, dir)}`, {
      cause: error,
    });
  }
  await rm(aside, { recursive: true, force: true });
}
