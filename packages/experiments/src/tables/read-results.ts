import { readFile } from 'node:fs/promises';
import { parseString } from '@fast-csv/parse';
import { describe, fileError, FormatError } from '@ksub/core';
import { RESULT_COLUMNS, type ResultRow } from '@ksub/training';

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
 * The rows of a fine-tuning results CSV, as `@ksub/training`'s `appendResults` writes them (header
 * {@link RESULT_COLUMNS}): what the tables read back. The one reader of that file in experiments —
 * `@ksub/training` exports the writer and the columns but no row reader.
 *
 * @throws Error naming the file when it cannot be read; FormatError when the header is not
 *   {@link RESULT_COLUMNS} or a number column holds something else, naming the line
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
  const header = RESULT_COLUMNS.join(',');
  const first = text.split('\n')[0] ?? '';
  if (first !== header)
    throw new FormatError(
      `readResultRows: ${path} must start with the header ${header}; got ${describe(first.slice(0, 120))}`,
    );
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
    });
  }
  return rows;
}
