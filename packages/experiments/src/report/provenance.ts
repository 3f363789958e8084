import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';

/** Where a result was made: the commit (`+dirty` with uncommitted changes), backend, kernel threads, Node, date. */
export interface Provenance {
  readonly commit: string;
  readonly backend: string;
  readonly threads: string;
  readonly node: string;
  readonly date: string;
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * The provenance of a result made now, in this working tree (`unknown` commit outside a git
 * checkout). The backend is TF.js's active one: call after `initBackend`.
 */
export function provenance(): Provenance {
  const head = git(['rev-parse', '--short=12', 'HEAD']);
  const dirty = head !== undefined && (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '';
  return {
    commit: head === undefined ? 'unknown' : `${head}${dirty ? '+dirty' : ''}`,
    backend: tf.getBackend() ?? 'none',
    // what @ksub/simd's kernels use: KSUB_THREADS, else every core
    threads: process.env['KSUB_THREADS'] || String(availableParallelism()),
    node: process.version,
    date: new Date().toISOString(),
  };
}

/** One Markdown line a results page ends with. */
export function provenanceLine(p: Provenance, extra: Readonly<Record<string, string | number>> = {}): string {
  // a table drawn from committed results runs no model: no backend to name
  const fields = {
    ...extra,
    commit: p.commit,
    ...(p.backend === 'none' ? {} : { backend: p.backend, threads: p.threads }),
    node: p.node,
    date: p.date,
  };
  return `_Provenance: ${Object.entries(fields)
    .map(([k, v]) => `${k} ${v}`)
    .join(' · ')}._`;
}
