import { readFile } from 'node:fs/promises';
import { writeToString } from '@fast-csv/format';
import { writeFileAtomic } from '@ksub/core';

/** One fine-tuning result: a metric of one grid cell after one epoch. */
export interface ResultRow {
  readonly task: string;
  readonly model: string;
  readonly embedding: string;
  /** Tables of a k-sub embedding ('' otherwise). */
  readonly k: number | '';
  /** Rows per table (k-sub), vocabulary (full) or rank (factorized). */
  readonly rows: number;
  readonly lr: number;
  readonly batch: number;
  readonly seed: number;
  readonly epoch: number;
  readonly metric: string;
  readonly value: number;
  readonly steps: number;
  readonly wallSeconds: number;
}

/** Column order of the results CSV. */
export const RESULT_COLUMNS: readonly (keyof ResultRow)[] = [
  'task',
  'model',
  'embedding',
  'k',
  'rows',
  'lr',
  'batch',
  'seed',
  'epoch',
  'metric',
  'value',
  'steps',
  'wallSeconds',
];

/**
 * Appends rows to a results CSV atomically (the whole file is rewritten through a temporary file
 * and a rename, so a crash never leaves half a row). A new file gets the header.
 *
 * @throws Error naming the file when it exists with another header.
 */
export async function appendResults(path: string, rows: readonly ResultRow[]): Promise<void> {
  let existing = '';
  try {
    existing = await readFile(path, 'utf8');
  } catch {
    existing = '';
  }
  const header = RESULT_COLUMNS.join(',');
  if (existing.length > 0 && existing.split('\n')[0] !== header)
    throw new Error(`appendResults: ${path} has another header than ${header}`);
  const body = await writeToString(
    rows.map((r) => RESULT_COLUMNS.map((c) => r[c])),
    { headers: false },
  );
  const text = existing.length > 0 ? `${existing.replace(/\n?$/, '\n')}${body}\n` : `${header}\n${body}\n`;
  await writeFileAtomic(path, text);
}
