import {
  predictionsPathFor,
  readPredictions,
  readResultRows,
  type ResultRow,
  type RunPredictions,
} from '@ksub/training';
import { isFinished } from '../../cells/common';

/** The fine-tuning results a report reads: the rows and predictions of the cells that finished. */
export interface FinetuneResults {
  /** The files whose cells finished (the order given), whose rows and predictions follow. */
  readonly finished: readonly string[];
  /** The files whose cells have not finished (no file, or no marker yet): read nothing of them. */
  readonly unfinished: readonly string[];
  /** Every finished file's rows, file by file. */
  readonly rows: readonly ResultRow[];
  /** Every finished file's predictions (`<file>.predictions.jsonl`; none for a file without one). */
  readonly predictions: readonly RunPredictions[];
}

/**
 * Reads the rows and per-example predictions of the fine-tuning CSVs whose grid cells finished
 * (`isFinished`: the file and its cell marker), in the order given — what every table, the curves
 * and the seed study pair their comparisons on. A file without its marker is listed in
 * `unfinished` and not read, so a cell still running never contributes half its runs.
 *
 * @throws FormatError (from the readers) for a malformed CSV or predictions line
 * @example
 * ```ts
 * const { rows, predictions, unfinished } = await readFinetuneResults(['docs/results/mini/finetune/full-sms-spam.csv']);
 * ```
 */
export async function readFinetuneResults(files: readonly string[]): Promise<FinetuneResults> {
  const finished = files.filter(isFinished);
  const [rows, predictions] = await Promise.all([
    Promise.all(finished.map(readResultRows)),
    Promise.all(finished.map((f) => readPredictions(predictionsPathFor(f)))),
  ]);
  return {
    finished,
    unfinished: files.filter((f) => !finished.includes(f)),
    rows: rows.flat(),
    predictions: predictions.flat(),
  };
}
