import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { openCorpus } from '@ksub/corpus';
import type { Tokenizer } from '@ksub/tokenizers';

/** Creates the parent directory of `path`; returns `path`. */
export async function ensureParent(path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  return path;
}

/** A packed corpus's training sequences (unless `withTrain` is false) and its first `validationCount` validation sequences. */
export async function readSplits(
  dir: string,
  tokenizer: Tokenizer,
  validationCount: number,
  withTrain = true,
): Promise<{ train: Int32Array[]; validation: Int32Array[] }> {
  const corpus = await openCorpus(dir, { tokenizer });
  const train: Int32Array[] = [];
  if (withTrain) for await (const s of corpus.sequences('train')) train.push(s.ids);
  const validation: Int32Array[] = [];
  for await (const s of corpus.sequences('validation')) {
    if (validation.length >= validationCount) break;
    validation.push(s.ids);
  }
  return { train, validation };
}

/**
 * Whether a grid cell's output is finished: the file, and the marker its cell writes after the
 * last row (`<file>.cell.json`, see `grid/cell-markers.ts`).
 */
export function isFinished(path: string): boolean {
  return existsSync(path) && existsSync(`${path}.cell.json`);
}
