import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { withFileContext } from './file-error';

/** Who holds a lock: written into the lock file as JSON. */
export interface LockHolder {
  /** What the holder is doing (`pretrain`, `corpus:prepare`, …). */
  readonly purpose: string;
  readonly pid: number;
  readonly host: string;
  /** ISO time the lock was taken. */
  readonly started: string;
  /** The process's start time in clock ticks since boot (Linux), so a reused pid is not mistaken for the holder. */
  readonly processStart: string | null;
  /** Random, to tell this lock from a later one at the same path. */
  readonly token: string;
}

/** A lock this process holds. */
export interface DirLock {
  /** The lock file. */
  readonly path: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still this lock's (idempotent). */
  release(): Promise<void>;
}

/**
 * Raised when a lock is held by another live process (or by one on another host, whose
 * liveness cannot be checked). `holder` says who; the message names the lock file.
 */
export class LockedError extends Error {
  override readonly name = 'LockedError';
  constructor(
    message: string,
    readonly holder: LockHolder | null,
  ) {
    super(message);
  }
}

/** The lock file a run directory is locked with (see {@link lockRunDirectory}). */
export const RUN_LOCK_FILE = '.ksub.lock';

/** Start time of a process in clock ticks since boot, from `/proc` (Linux); null elsewhere. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name, which is in parentheses and may hold spaces; starttime is field 22
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the holder's process is gone: same host, and its pid is dead or now belongs to another process. */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  if (isDeadProcess(holder.pid)) return true;
  const start = processStart(holder.pid);
  return holder.processStart !== null && start !== null && start !== holder.processStart;
}

function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.token === 'string'
      ? (h as LockHolder)
      : null;
  } catch {
    return null;
  }
}

const describeHolder = (h: LockHolder): string =>
  `${h.purpose} (pid ${h.pid} on ${h.host}, since ${h.started})`;

async function readHolder(path: string): Promise<LockHolder | null | 'gone'> {
  try {
    return parseHolder(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return 'gone';
    throw error;
  }
}

/**
 * Takes an exclusive lock by creating `path` atomically (written to a private file, then
 * hard-linked into place, which fails if `path` exists), holding the pid, host and purpose.
 * A lock left by a dead process on this host (pid gone, or reused by another process) is taken
 * over safely: it is renamed aside, checked to be the stale lock that was inspected, and only
 * then removed; two processes racing for a stale lock cannot both win. The lock file is removed
 * by `release()` and, as a last resort, when the process exits normally.
 *
 * @param path - the lock file
 * @param purpose - what the holder does, shown to whoever is refused
 * @throws LockedError naming the lock file and the holder when a live process (or one on
 *   another host) holds it, or the file is not a lock this code wrote
 * @example
 * ```ts
 * const lock = await acquireLock('data/en.lock', 'corpus:prepare');
 * try { … } finally { await lock.release(); }
 * ```
 */
export async function acquireLock(path: string, purpose: string): Promise<DirLock> {
  const holder: LockHolder = {
    purpose,
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    processStart: processStart(process.pid),
    token: randomBytes(8).toString('hex'),
  };
  const mine = `${path}.${holder.token}.tmp`;
  await withFileContext('write the lock file', mine, () => writeFile(mine, `${JSON.stringify(holder)}\n`));
  try {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 10)
        throw new LockedError(`${path}: could not take the lock after ${attempt} tries`, null);
      try {
        await link(mine, path);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'EEXIST') throw error;
      }
      const current = await readHolder(path);
      if (current === 'gone') continue;
      if (current === null)
        throw new LockedError(
          `lock ${path} exists but is not a ksub lock file; remove it if no ksub process uses this directory`,
          null,
        );
      if (!isStale(current) || attempt >= 3) {
        const otherHost = current.host !== holder.host;
        throw new LockedError(
          `${path} is locked by ${describeHolder(current)}` +
            (otherHost
              ? `; that process is on another host and cannot be checked: remove the lock file if it has ended`
              : `; wait for it to finish or stop it`),
          current,
        );
      }
      // Take over the stale lock: move it aside, and remove it only if it is the one inspected.
      const aside = `${path}.stale-${holder.token}`;
      try {
        await rename(path, aside);
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') continue;
        throw error;
      }
      const moved = await readHolder(aside);
      if (moved !== 'gone' && moved !== null && moved.token !== current.token) {
        // Another process took the stale lock between our read and our rename: put its lock back.
        await link(aside, path).catch(() => undefined);
        await unlink(aside).catch(() => undefined);
        throw new LockedError(`${path} is locked by ${describeHolder(moved)}`, moved);
      }
      await unlink(aside).catch(() => undefined);
    }
  } finally {
    await unlink(mine).catch(() => undefined);
  }

  const stillMine = (): boolean => {
    try {
      return parseHolder(readFileSync(path, 'utf8'))?.token === holder.token;
    } catch {
      return false;
    }
  };
  const onExit = (): void => {
    if (stillMine()) unlinkSync(path);
  };
  process.once('exit', onExit);
  let released = false;
  return {
    path,
    holder,
    async release() {
      if (released) return;
      released = true;
      process.removeListener('exit', onExit);
      if (stillMine()) await unlink(path).catch(() => undefined);
    },
  };
}

/**
 * Locks a run directory (pretraining, fine-tuning `--save-to`, compression) for one writer:
 * creates the directory and takes {@link acquireLock} on `dir/.ksub.lock`. A second run into the
 * same directory fails at once with the holder named, before it writes anything.
 *
 * @example
 * ```ts
 * const lock = await lockRunDirectory('runs/pretrain-mini-full', 'pretrain');
 * try { await train(); } finally { await lock.release(); }
 * ```
 */
export async function lockRunDirectory(dir: string, purpose: string): Promise<DirLock> {
  await withFileContext('create the run directory', dir, () => mkdir(dir, { recursive: true }));
  return acquireLock(join(dir, RUN_LOCK_FILE), purpose);
}

/**
 * Locks a directory that is replaced whole when its writer finishes (a packed corpus, a saved
 * model): the lock file sits beside it, `DIR.lock`, so replacing the directory cannot remove the
 * lock. Creates the parent directory. A second writer fails at once with the holder named.
 *
 * @example
 * ```ts
 * const lock = await lockBeside('data/en', 'corpus:prepare'); // data/en.lock
 * try { await pack(); } finally { await lock.release(); }
 * ```
 */
export async function lockBeside(dir: string, purpose: string): Promise<DirLock> {
  const parent = dirname(dir);
  await withFileContext('create the directory', parent, () => mkdir(parent, { recursive: true }));
  return acquireLock(`${dir.replace(/[/\\]+$/, '')}.lock`, purpose);
}

/**
 * Whether a process that left a temporary file or directory (named with its pid, on this host)
 * is gone, so its leftovers may be removed. Unknown pids count as alive.
 *
 * @example
 * ```ts
 * if (isDeadProcess(1234)) await rm('checkpoints/step-000000100.tmp-1234', { recursive: true });
 * ```
 */
export function isDeadProcess(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'ESRCH';
  }
}
