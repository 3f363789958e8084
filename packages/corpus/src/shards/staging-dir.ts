import { randomBytes } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { withFileContext } from '@ksub/core';
import { removeDeadLeftovers } from '@ksub/core/node';

/**
 * Marker file inside a staging directory: says the directory is a corpus this code is building,
 * and which process builds it. Only directories holding it are ever removed as leftovers.
 */
export const STAGING_MARKER = '.ksub-corpus-staging';

interface StagingOwner {
  readonly pid: number;
  readonly host: string;
}

/** `DIR.tmp-PID-RANDOM`: the name of a staging directory for `DIR`, and the pattern that finds them. */
const stagingPattern = (base: string): RegExp =>
  new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.tmp-(\\d+)-[0-9a-f]{8}$`);

/**
 * Creates a fresh staging directory beside `outDir` (`outDir.tmp-PID-RANDOM`, created exclusively,
 * so nothing already there is reused or removed) and marks it as this process's.
 *
 * @returns the staging directory's path
 * @example
 * ```ts
 * const staging = await createStagingDir('data/en'); // data/en.tmp-4242-9f3a0c1e
 * ```
 */
export async function createStagingDir(outDir: string): Promise<string> {
  const path = `${outDir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await withFileContext('create the staging directory', path, () => mkdir(path));
  const owner: StagingOwner = { pid: process.pid, host: hostname() };
  await withFileContext('write the staging marker in', path, () =>
    writeFile(join(path, STAGING_MARKER), `${JSON.stringify(owner)}\n`),
  );
  return path;
}

/** The staging owner recorded in `dir`, or null when `dir` holds no valid marker (then it is not ours). */
async function ownerOf(dir: string): Promise<StagingOwner | null> {
  try {
    const owner = JSON.parse(await readFile(join(dir, STAGING_MARKER), 'utf8')) as Partial<StagingOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? (owner as StagingOwner) : null;
  } catch {
    return null;
  }
}

/**
 * Unmarks a finished staging directory just before it is moved into place as the corpus, so
 * the installed corpus carries no marker.
 *
 * @example
 * ```ts
 * await unmarkStagingDir(staging);
 * await installCorpus('packCorpus', staging, 'data/en', false);
 * ```
 */
export async function unmarkStagingDir(dir: string): Promise<void> {
  await withFileContext('remove the staging marker from', dir, () => unlink(join(dir, STAGING_MARKER)));
}

/**
 * Removes the staging directories for `outDir` that crashed packings left: named
 * `outDir.tmp-PID-RANDOM`, holding the staging marker, written on this host by a process that is
 * no longer running. Anything else (a live packing's directory, a user's `outDir.tmp-…` without
 * the marker, one from another host) is left alone. Call it while holding the corpus lock.
 *
 * @returns the paths removed
 * @example
 * ```ts
 * await sweepStagingDirs('data/en'); // ['data/en.tmp-1234-0a1b2c3d'] after a crash of pid 1234
 * ```
 */
export async function sweepStagingDirs(outDir: string): Promise<string[]> {
  const parent = dirname(outDir);
  const ours = async (path: string, pid: number): Promise<boolean> => {
    const owner = await ownerOf(path);
    return owner !== null && owner.pid === pid && owner.host === hostname();
  };
  const removed = await removeDeadLeftovers(parent, stagingPattern(basename(outDir)), ours);
  return removed.map((name) => join(parent, name));
}
