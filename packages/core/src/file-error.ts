/** Plain words for the file-system error codes users meet. */
const CODES: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EEXIST: 'already exists',
  ENOTEMPTY: 'is a directory that is not empty',
  EMFILE: 'too many open files',
};

/**
 * Turns a Node file-system error into one that names the file and says what went wrong in
 * words. Node's own messages often lack the path (`ENOSPC: no space left on device, write`,
 * `EISDIR: illegal operation on a directory, read`); this one always has it. The original error
 * stays reachable as `cause`, and its `code` is kept. Errors that are not file-system errors
 * (no `code`) are returned unchanged.
 *
 * @param error - what the file operation threw
 * @param action - what was being done, as a verb phrase (`read the task spec`, `write`)
 * @param path - the file or directory
 * @example
 * ```ts
 * try { await readFile(p, 'utf8'); } catch (e) { throw fileError(e, 'read the config', p); }
 * // Error: cannot read the config runs/: is a directory, not a file (EISDIR)
 * ```
 */
export function fileError(error: unknown, action: string, path: string): Error {
  const code = (error as { code?: unknown } | null)?.code;
  // duck-typed: errors from Node's fs can come from another realm (vm contexts, test runners)
  if (typeof code !== 'string' || typeof (error as Error).message !== 'string') return error as Error;
  const original = error as Error;
  if (original.message.startsWith(`cannot ${action} ${path}:`)) return original;
  const words = CODES[code] ?? original.message;
  const wrapped = new Error(`cannot ${action} ${path}: ${words} (${code})`, { cause: original });
  (wrapped as Error & { code: string }).code = code;
  return wrapped;
}

/**
 * Runs a file operation and rethrows any file-system error through {@link fileError}, so the
 * message names `path`.
 *
 * @example
 * ```ts
 * const text = await withFileContext('read the config', path, () => readFile(path, 'utf8'));
 * ```
 */
export async function withFileContext<T>(action: string, path: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (error) {
    throw fileError(error, action, path);
  }
}
