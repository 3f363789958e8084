import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parse } from '@fast-csv/parse';
import { openCorpus } from '@ksub/corpus';
import type { Tokenizer } from '@ksub/tokenizers';
import type { FinetuneCsvRow } from '../tables/table2';

/** A cell's settings as read from the grid JSON. */
export type Args = Record<string, unknown>;

/** Creates the parent directory of `path`; returns `path`. */
export async function ensureParent(path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  return path;
}

/** The fine-tuning rows of a cell's CSV (the fields the tables need). */
export async function readCsv(path: string): Promise<FinetuneCsvRow[]> {
  const rows: FinetuneCsvRow[] = [];
  for await (const r of createReadStream(path).pipe(parse({ headers: true })) as AsyncIterable<
    Record<string, string>
  >)
    rows.push({
      task: r['task'] as string,
      model: r['model'] as string,
      metric: r['metric'] as string,
      value: Number(r['value']),
      cell: `${r['lr']}|${r['batch']}|${r['seed']}`,
      wallSeconds: Number(r['wallSeconds']),
    });
  return rows;
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
