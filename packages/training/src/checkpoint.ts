import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { assertInteger, FormatError } from '@ksub/core';
import { removeDeadLeftovers, writeFileSynced } from '@ksub/core/node';

/** A file of a checkpoint. */
export interface CheckpointFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/** `manifest.json` of a checkpoint: every file with its size and SHA-256. */
export interface CheckpointManifest {
  readonly format: 'ksub-checkpoint';
  readonly version: 1;
  readonly step: number;
  readonly files: readonly { readonly name: string; readonly bytes: number; readonly sha256: string }[];
}

/** A complete checkpoint on disk. */
export interface CheckpointRef {
  readonly step: number;
  readonly path: string;
}

/** Where a run keeps its checkpoints. */
export const CHECKPOINT_DIR = 'checkpoints';
const MANIFEST = 'manifest.json';
const NAME = /^step-(\d{9})$/;
const TEMPORARY = /^step-\d{9}\.tmp-(\d+)$/;

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * The directory of a run's checkpoint at `step`: `<runDir>/checkpoints/step-NNNNNNNNN` (nine
 * digits, so names sort by step), where {@link writeCheckpoint} puts it.
 *
 * @example
 * ```ts
 * checkpointDir('runs/mini/curve-full', 2000); // 'runs/mini/curve-full/checkpoints/step-000002000'
 * ```
 */
export function checkpointDir(runDir: string, step: number): string {
  assertInteger('checkpointDir', 'step', step, { min: 0 });
  return join(runDir, CHECKPOINT_DIR, `step-${String(step).padStart(9, '0')}`);
}

/**
 * Writes a checkpoint atomically: every file (then `manifest.json` with their checksums) into
 * `checkpoints/step-NNNNNNNNN.tmp-PID`, flushed to disk, then renamed to `step-NNNNNNNNN`; a crash
 * at any point leaves either no checkpoint for the step or a complete one. Temporary directories
 * that dead writers left (a crash, a full disk) are removed first, so their space is free before
 * this one is written; those of live writers are never touched. Afterwards only the newest `keep`
 * checkpoints are kept.
 *
 * @returns the checkpoint's directory
 */
export async function writeCheckpoint(
  runDir: string,
  step: number,
  files: readonly CheckpointFile[],
  keep: number,
): Promise<string> {
  assertInteger('writeCheckpoint', 'step', step, { min: 0 });
  assertInteger('writeCheckpoint', 'keep', keep, { min: 1 });
  const final = checkpointDir(runDir, step);
  const tmp = `${final}.tmp-${process.pid}`;
  await removeDeadWriters(runDir);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  for (const f of files) await writeFileSynced(join(tmp, f.name), f.data);
  const manifest: CheckpointManifest = {
    format: 'ksub-checkpoint',
    version: 1,
    step,
    files: files.map((f) => ({ name: f.name, bytes: f.data.byteLength, sha256: sha256(f.data) })),
  };
  await writeFileSynced(join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  await rm(final, { recursive: true, force: true });
  await rename(tmp, final);
  const all = await listCheckpoints(runDir);
  for (const old of all.slice(0, Math.max(0, all.length - keep)))
    await rm(old.path, { recursive: true, force: true });
  return final;
}

/**
 * Removes the temporary checkpoint directories (`step-NNNNNNNNN.tmp-PID`) whose writer, PID on
 * this host, is no longer running: what a crash or a full disk leaves behind. A live writer's
 * directory, and anything not named like a temporary checkpoint, is left alone.
 *
 * @returns the names removed
 */
export async function removeDeadWriters(runDir: string): Promise<string[]> {
  return removeDeadLeftovers(join(runDir, CHECKPOINT_DIR), TEMPORARY);
}

/** Complete checkpoints of a run (renamed into place), oldest first; [] when there are none. */
export async function listCheckpoints(runDir: string): Promise<CheckpointRef[]> {
  const root = join(runDir, CHECKPOINT_DIR);
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    return [];
  }
  return entries
    .map((e) => NAME.exec(e))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ step: Number(m[1]), path: join(root, m[0]) }))
    .sort((a, b) => a.step - b.step);
}

/**
 * Reads a checkpoint and verifies every file against the manifest.
 *
 * @param required - files the caller needs: each must be listed in the manifest
 * @throws FormatError naming the checkpoint and the file when the manifest is missing or
 *   unreadable, a required file is not in it, or a file is missing, truncated or altered.
 */
export async function readCheckpoint(
  path: string,
  required: readonly string[] = [],
): Promise<{ manifest: CheckpointManifest; files: Map<string, Uint8Array> }> {
  let manifest: CheckpointManifest;
  try {
    manifest = JSON.parse(await readFile(join(path, MANIFEST), 'utf8')) as CheckpointManifest;
  } catch (error) {
    throw new FormatError(
      `checkpoint ${path}: manifest.json missing or unreadable (${(error as Error).message})`,
    );
  }
  if (manifest?.format !== 'ksub-checkpoint' || manifest.version !== 1 || !Array.isArray(manifest.files))
    throw new FormatError(`checkpoint ${path}: manifest.json is not a version-1 ksub checkpoint manifest`);
  for (const name of required)
    if (!manifest.files.some((f) => f.name === name))
      throw new FormatError(`checkpoint ${path}: ${name} is missing (its manifest does not list it)`);
  const files = new Map<string, Uint8Array>();
  for (const f of manifest.files) {
    let data: Uint8Array;
    try {
      data = new Uint8Array(await readFile(join(path, f.name)));
    } catch {
      throw new FormatError(`checkpoint ${path}: ${f.name} is missing`);
    }
    if (data.byteLength !== f.bytes)
      throw new FormatError(
        `checkpoint ${path}: ${f.name} has ${data.byteLength} bytes, the manifest says ${f.bytes} (truncated?)`,
      );
    if (sha256(data) !== f.sha256)
      throw new FormatError(`checkpoint ${path}: ${f.name} does not match its checksum (corrupt)`);
    files.set(f.name, data);
  }
  return { manifest, files };
}

/**
 * Parses a JSON file of a checkpoint read by {@link readCheckpoint}.
 *
 * @throws FormatError naming the checkpoint and the file when it is absent or not JSON
 */
export function checkpointJson<T>(path: string, files: ReadonlyMap<string, Uint8Array>, name: string): T {
  const data = files.get(name);
  if (data === undefined) throw new FormatError(`checkpoint ${path}: ${name} is missing`);
  try {
    return JSON.parse(new TextDecoder().decode(data)) as T;
  } catch (error) {
    throw new FormatError(`checkpoint ${path}: ${name} is not valid JSON (${(error as Error).message})`);
  }
}
