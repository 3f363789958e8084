import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeadProcess } from './dir-lock';
import { withFileContext } from './file-error';

/**
 * Removes what crashed writers left in `parent`: entries whose name matches `pattern` (its first
 * group is the writer's pid) and whose writer is no longer running on this host. A live writer's
 * entry, this process's own, anything not matching, and anything `accept` turns down (say, a
 * directory without the marker its writer puts in) is left alone. Checkpoints and corpus staging
 * directories are cleaned this way, before new ones are written, so a crash or a full disk does
 * not keep its space.
 *
 * @returns the names removed
 * @example
 * ```ts
 * await removeDeadLeftovers('runs/x/checkpoints', /^step-\d{9}\.tmp-(\d+)$/); // ['step-000000100.tmp-1234']
 * ```
 */
export async function removeDeadLeftovers(
  parent: string,
  pattern: RegExp,
  accept: (path: string, pid: number) => Promise<boolean> = async () => true,
): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of entries) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!Number.isSafeInteger(pid) || pid === process.pid || !isDeadProcess(pid)) continue;
    const path = join(parent, name);
    if (!(await accept(path, pid))) continue;
    await withFileContext('remove the leftover', path, () => rm(path, { recursive: true, force: true }));
    removed.push(name);
  }
  return removed;
}
