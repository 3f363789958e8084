import { writeFileSync } from 'node:fs';
import type { MlmPositions, ResultRow, RunPredictions } from '@ksub/training';
import { appendPredictions, appendResults, predictionsPathFor, writePositionsCsv } from '@ksub/training';
import { resultRow } from '@ksub/training/testing';

/** The fixtures' 20 test examples: gold alternates 0/1. */
const GOLD = Array.from({ length: 20 }, (_, i) => i % 2);

/** Marks a grid cell's output finished, as the grid does after its last row (`<file>.cell.json`). */
export const markFinished = (path: string): void => writeFileSync(`${path}.cell.json`, '{}\n');

/**
 * One model's held-out fine-tuning on uci-sentiment, in memory: one configuration (lr 1e-3, batch 16),
 * per fine-tuning seed (1, 2, …) a dev row and a test row of accuracy `test[i]` (a multiple of
 * 0.05), and its test predictions on {@link GOLD}, wrong on the first (1 − test[i]) · 20 examples.
 */
export function heldOutRuns(
  model: string,
  test: readonly number[],
): { rows: ResultRow[]; predictions: RunPredictions[] } {
  const common = { task: 'uci-sentiment', model, lr: 1e-3, batch: 16, epoch: 1 };
  return {
    rows: test.flatMap((value, i) => [
      resultRow({ ...common, seed: i + 1, split: 'dev', value: 0.8 }),
      resultRow({ ...common, seed: i + 1, split: 'test', value }),
    ]),
    predictions: test.map((value, i) => ({
      ...common,
      seed: i + 1,
      dev: 0.8,
      split: 'test',
      examples: 'a'.repeat(64),
      gold: GOLD,
      predictions: GOLD.map((y, j) => (j < Math.round((1 - value) * 20) ? 1 - y : y)),
    })),
  };
}

/** {@link heldOutRuns} written as a finished fine-tuning cell's CSV and predictions file. */
export async function writeHeldOutRuns(csv: string, model: string, test: readonly number[]): Promise<void> {
  const { rows, predictions } = heldOutRuns(model, test);
  await appendResults(csv, rows);
  await appendPredictions(predictionsPathFor(csv), predictions);
  markFinished(csv);
}

/**
 * Per-position MLM scores with these losses: position i is sequence i, token position 1, token
 * `firstToken + i` (another `firstToken`: other positions, which do not pair), unigram loss 7.
 */
export function mlmPositions(losses: readonly number[], firstToken = 100): MlmPositions {
  const n = losses.length;
  return {
    sequence: Int32Array.from({ length: n }, (_, i) => i),
    position: new Int32Array(n).fill(1),
    token: Int32Array.from({ length: n }, (_, i) => firstToken + i),
    loss: Float64Array.from(losses),
    correct: new Uint8Array(n),
    unigramLoss: new Float64Array(n).fill(7),
  };
}

/** {@link mlmPositions} written as a finished `mlm-positions` cell's CSV. */
export async function writeMlmPositions(
  path: string,
  losses: readonly number[],
  firstToken = 100,
): Promise<void> {
  await writePositionsCsv(path, mlmPositions(losses, firstToken));
  markFinished(path);
}
