import { parseString } from '@fast-csv/parse';
import { readFile } from 'node:fs/promises';
import { writeToString } from '@fast-csv/format';
import { describe, fileError, FormatError } from '@ksub/core';
import { writeFileAtomic } from '@ksub/core/node';

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
  /**
   * What was scored: `dev` (every epoch; what model selection reads) or `test` (once per run, at
   * its best dev epoch). Files written before splits were recorded read back as `dev`.
   */
  readonly split: string;
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
  'split',
];

/** The header of results files written before the `split` column: every row read back as `dev`. */
const LEGACY_COLUMNS = RESULT_COLUMNS.slice(0, -1);

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
  if (existing.length > 0) checkHeader('appendResults', path, existing, false);
  return existing;
}

/** Checks the header; resolves whether it is the legacy one (no `split` column), when `legacy` is allowed. */
function checkHeader(fn: string, path: string, text: string, legacy: boolean): boolean {
  const header = RESULT_COLUMNS.join(',');
  const first = (text.split('\n')[0] ?? '').replace(/\r$/, '');
  if (first === header) return false;
  if (legacy && first === LEGACY_COLUMNS.join(',')) return true;
  throw new FormatError(
    `${fn}: ${path} must start with the header ${header}; got ${describe(first.slice(0, 120))}`,
  );
}

/** A number column's value ('NaN' as written for an undefined metric), or a FormatError naming the file, line and column. */
function numberAt(path: string, line: number, column: string, text: string | undefined): number {
  const value = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
  if (Number.isNaN(value) && text !== 'NaN')
    throw new FormatError(
      `readResultRows: ${path}:${line}: ${column} must be a number; got ${describe(text)}`,
    );
  return value;
}

/**
 * The rows of a results CSV that {@link appendResults} wrote: what the tables read back, parsed
 * with fast-csv (the format's quoting is RFC 4180, as the writer's).
 *
 * @throws Error naming the file when it cannot be read (a missing file too); FormatError when the
 *   header is not {@link RESULT_COLUMNS} (or the legacy header without `split`) or a number column holds something else, naming the line
 * @example
 * ```ts
 * const rows = await readResultRows('docs/results/mini/finetune/full-sms-spam.csv');
 * rows[0]?.metric; // 'f1'
 * ```
 */
export async function readResultRows(path: string): Promise<ResultRow[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw fileError(error, 'read the results CSV', path);
  }
  const legacy = checkHeader('readResultRows', path, text, true);
  const rows: ResultRow[] = [];
  const records = parseString<Record<string, string>, Record<string, string>>(text, { headers: true });
  for await (const r of records) {
    const line = rows.length + 2;
    const num = (column: string) => numberAt(path, line, column, r[column]);
    rows.push({
      task: r['task'] ?? '',
      model: r['model'] ?? '',
      embedding: r['embedding'] ?? '',
      k: r['k'] === '' ? '' : num('k'),
      rows: num('rows'),
      lr: num('lr'),
      batch: num('batch'),
      seed: num('seed'),
      epoch: num('epoch'),
      metric: r['metric'] ?? '',
      value: num('value'),
      steps: num('steps'),
      wallSeconds: num('wallSeconds'),
      split: legacy ? 'dev' : (r['split'] ?? ''),
    });
  }
  return rows;
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
