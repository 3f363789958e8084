import { readFile } from 'node:fs/promises';
import { writeToString } from '@fast-csv/format';
import { describe, fileError, FormatError, writeFileAtomic } from '@ksub/core';

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
 * The text of an existing results CSV ('' when there is none), checked to start with
 * {@link RESULT_COLUMNS}. Fine-tuning calls it before training, so a results path that is a
 * directory, unreadable or another file fails at once, not after the first epoch.
 *
 * @throws Error naming the file when it cannot be read; FormatError when it has another header.
 * @example
 * ```ts
 * await readResults('docs/results/finetune.csv'); // '' or the rows so far
 * ```
 */
export async function readResults(path: string): Promise<string> {
  let existing: string;
  try {
    existing = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return '';
    throw fileError(error, 'read the results CSV', path);
  }
  const header = RESULT_COLUMNS.join(',');
  const first = existing.split('\n')[0] ?? '';
  if (existing.length > 0 && first !== header)
    throw new FormatError(
      `appendResults: ${path} must start with the header ${header}; got ${describe(first.slice(0, 120))}`,
    );
  return existing;
}

/**
 * Appends rows to a results CSV atomically (the whole file is rewritten through a temporary file
 * and a rename, so a crash never leaves half a row). A new file gets the header.
 *
 * @throws the errors of {@link readResults}; Error naming the file when it cannot be written.
 * @example
 * ```ts
 * await appendResults('docs/results/finetune.csv', rows);
 * ```
 */
export async function appendResults(path: string, rows: readonly ResultRow[]): Promise<void> {
  const existing = await readResults(path);
  const body = await writeToString(
    rows.map((r) => RESULT_COLUMNS.map((c) => r[c])),
    { headers: false },
  );
  const header = RESULT_COLUMNS.join(',');
  const text = existing.length > 0 ? `${existing.replace(/\n?$/, '\n')}${body}\n` : `${header}\n${body}\n`;
  await writeFileAtomic(path, text);
}
