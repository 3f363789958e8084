import type { ResultRow, RunPredictions } from '@ksub/training';
import { appendPredictions, appendResults, predictionsPathFor } from '@ksub/training';
import { markFinished } from './held-out-runs';
import { resultRow } from '@ksub/training/testing';

/** The fixtures' 10 held-out examples per language: gold alternates 0/1. */
const GOLD = Array.from({ length: 10 }, (_, i) => i % 2);

/** GOLD, wrong on the first `10 − right` examples. */
const predicted = (right: number) => GOLD.map((y, j) => (j < GOLD.length - right ? 1 - y : y));

/** One model's fine-tuning under a multilingual protocol, as its fine-tuning cell writes it. */
export interface ProtocolFixture {
  readonly model: string;
  /** The selection split's task (`libreoffice-module-en`: cross-lingual). */
  readonly selectOn: string;
  /** Held-out task name of a language. */
  readonly testTask: (language: string) => string;
  /** Learning rates searched with seed 1; `chosen` wins on dev (0.9 at epoch 2, the others 0.6). */
  readonly lrs: readonly number[];
  readonly chosen: number;
  /** Per language, held-out examples right (of 10) per seed (seeds 1, 2, …), at the best epoch 2. */
  readonly right: Readonly<Record<string, readonly number[]>>;
}

/**
 * A protocol run in memory: the lr search with seed 1 (dev rows of `selectOn` at epochs 1 and 2),
 * the other seeds at the chosen lr, and for every run held-out rows and predictions per language
 * at its best dev epoch (2), on {@link GOLD}. lr 0 (a control without a grid): one run, seed 0,
 * epoch 1.
 */
export function fixtureRuns(f: ProtocolFixture): { rows: ResultRow[]; predictions: RunPredictions[] } {
  const control = f.chosen === 0;
  const languages = Object.keys(f.right);
  const seeds = (f.right[languages[0] as string] ?? []).length;
  const runs = control
    ? [{ lr: 0, seed: 0 }]
    : [
        ...f.lrs.map((lr) => ({ lr, seed: 1 })),
        ...Array.from({ length: seeds - 1 }, (_, s) => ({ lr: f.chosen, seed: s + 2 })),
      ];
  const rows: ResultRow[] = [];
  const predictions: RunPredictions[] = [];
  for (const { lr, seed } of runs) {
    const common = { model: f.model, lr, batch: control ? 0 : 32, seed };
    const dev = control ? [0.5] : [0.5, lr === f.chosen ? 0.9 : 0.6];
    const epoch = dev.length;
    dev.forEach((value, e) =>
      rows.push(resultRow({ ...common, task: f.selectOn, split: 'dev', epoch: e + 1, value })),
    );
    for (const l of languages) {
      const right = (f.right[l] ?? [])[control ? 0 : Math.max(0, seed - 1)] ?? 0;
      const task = f.testTask(l);
      rows.push(resultRow({ ...common, task, split: 'test', epoch, value: right / GOLD.length }));
      predictions.push({
        ...common,
        task,
        epoch,
        dev: dev.at(-1) as number,
        split: 'test',
        examples: String(languages.indexOf(l) % 10).repeat(64),
        gold: GOLD,
        predictions: predicted(right),
      });
    }
  }
  return { rows, predictions };
}

/** {@link fixtureRuns} written as a finished cell's CSV and predictions file. */
export async function writeFixtureRuns(csv: string, f: ProtocolFixture): Promise<void> {
  const { rows, predictions } = fixtureRuns(f);
  await appendResults(csv, rows);
  await appendPredictions(predictionsPathFor(csv), predictions);
  markFinished(csv);
}
