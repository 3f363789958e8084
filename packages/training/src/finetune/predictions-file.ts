import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileError, FormatError, parseWithSchema } from '@ksub/core';
import { writeFileAtomic } from '@ksub/core/node';
import type { Example } from '@ksub/evaluation';
import { z } from 'zod';

/**
 * One run's predictions on a scored split, at the epoch dev chose: what paired comparisons of two
 * models (bootstrap, McNemar) read. The examples' fingerprint lets a reader check that two files
 * scored the same examples in the same order.
 */
export const RunPredictionsSchema = z.strictObject({
  task: z.string(),
  model: z.string(),
  /** 0 (with batch 0) for a control fitted without a learning rate (majority class, bag-of-words). */
  lr: z.number().nonnegative(),
  batch: z.number().int().nonnegative(),
  seed: z.number().int().nonnegative(),
  /** Epoch (1-based) whose predictions these are: the run's best on dev. */
  epoch: z.number().int().positive(),
  /** The run's best dev score (the task's first metric). */
  dev: z.number(),
  split: z.string(),
  /** {@link examplesFingerprint} of the scored examples. */
  examples: z.string().regex(/^[0-9a-f]{64}$/),
  gold: z.array(z.number()),
  predictions: z.array(z.number()),
});

/** {@link RunPredictionsSchema}'s type. */
export type RunPredictions = z.infer<typeof RunPredictionsSchema>;

/**
 * SHA-256 of the examples' texts and labels in order: equal for two runs that scored the same
 * examples in the same order.
 *
 * @example
 * ```ts
 * examplesFingerprint([{ text: 'hi', label: 1 }]).length; // 64
 * ```
 */
export function examplesFingerprint(examples: readonly Example[]): string {
  const hash = createHash('sha256');
  for (const e of examples) hash.update(JSON.stringify([e.text, e.textPair ?? null, e.label])).update('\n');
  return hash.digest('hex');
}

/**
 * Reads a predictions file (JSON lines, one run each); [] when there is none.
 *
 * @throws Error naming the file when it cannot be read; FormatError naming the line of a record
 *   that is not JSON or not a {@link RunPredictions}, or whose gold and predictions differ in length
 * @example
 * ```ts
 * const runs = await readPredictions('docs/results/mini/finetune/full-sms-spam.predictions.jsonl');
 * ```
 */
export async function readPredictions(path: string): Promise<RunPredictions[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw fileError(error, 'read the predictions file', path);
  }
  const runs: RunPredictions[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new FormatError(`readPredictions: ${path}:${i + 1} is not JSON`);
    }
    let run: RunPredictions;
    try {
      run = parseWithSchema('readPredictions', RunPredictionsSchema, json, `${path}:${i + 1}`);
    } catch (error) {
      // a record of the wrong shape is a malformed file, whatever the field
      throw new FormatError((error as Error).message);
    }
    if (run.gold.length !== run.predictions.length)
      throw new FormatError(
        `readPredictions: ${path}:${i + 1}: gold has ${run.gold.length} labels, predictions ${run.predictions.length}`,
      );
    runs.push(run);
  });
  return runs;
}

/**
 * Appends runs to a predictions file atomically (the file is rewritten through a temporary file).
 *
 * @throws the errors of {@link readPredictions}; Error naming the file when it cannot be written
 * @example
 * ```ts
 * await appendPredictions('out/full-sms-spam.predictions.jsonl', [run]);
 * ```
 */
export async function appendPredictions(path: string, runs: readonly RunPredictions[]): Promise<void> {
  const existing = await readPredictions(path);
  const lines = [...existing, ...runs].map((r) => JSON.stringify(RunPredictionsSchema.parse(r)));
  await writeFileAtomic(path, `${lines.join('\n')}\n`);
}

/**
 * The predictions file beside a results CSV: `x.csv` → `x.predictions.jsonl`.
 *
 * @example
 * ```ts
 * predictionsPathFor('docs/results/mini/finetune/full-sms-spam.csv');
 * // 'docs/results/mini/finetune/full-sms-spam.predictions.jsonl'
 * ```
 */
export function predictionsPathFor(resultsCsv: string): string {
  return `${resultsCsv.replace(/\.csv$/, '')}.predictions.jsonl`;
}
