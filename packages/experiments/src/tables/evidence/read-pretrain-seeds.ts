import type { MetricName } from '@ksub/evaluation';
import {
  type MlmPositions,
  pairPositions,
  readPositionsCsv,
  type ResultRow,
  type RunPredictions,
} from '@ksub/training';
import { isFinished } from '../../cells/common';
import type { TableArgs } from '../../cells/table-cell';
import { modelRuns } from './model-runs';
import type { SeededVariant, SeedScores } from './render-pretrain-seeds';
import { summariseMlm } from './render-mlm';
import { readFinetuneResults } from './read-finetune-results';

/** What the table has read already: its own rows and predictions, and its variants' MLM positions. */
export interface SeedOneInputs {
  readonly rows: readonly ResultRow[];
  readonly predictions: readonly RunPredictions[];
  /** The seed-1 models' positions by variant (undefined: not scored yet). */
  readonly mlm: ReadonlyMap<string, MlmPositions | undefined>;
}

/** A model's scores from its rows and positions: test scores per task (those fine-tuned), mean MLM loss. */
function seedScores(
  seed: number,
  model: string,
  rows: readonly ResultRow[],
  predictions: readonly RunPredictions[],
  positions: MlmPositions | undefined,
  tasks: readonly { readonly name: string; readonly metric: MetricName }[],
): SeedScores {
  const test = new Map<string, readonly number[]>();
  for (const t of tasks) {
    const runs = modelRuns(rows, predictions, model, t.name, t.metric);
    if (runs !== undefined) test.set(t.name, runs.test);
  }
  return { seed, test, mlmLoss: positions === undefined ? undefined : summariseMlm(positions).loss };
}

/**
 * Reads the pretraining-seed study of a table: per variant with seeds (table order), its seed-1
 * model from what the table has read already (`seedOne`: rows whose model is the variant id, its
 * MLM positions), then each other seed from its files whose cells have finished (`.cell.json`
 * marker); the rest are left unmeasured, which the section shows as not run.
 *
 * @throws RangeError from `modelRuns` when a chosen run has no predictions; FormatError from
 *   `pairPositions` when a seed's MLM positions are not the seed-1 model's (scored on another
 *   validation set or masks)
 * @example
 * ```ts
 * const variants = await readPretrainSeeds(args.variants, args.pretrainSeeds, seedOne, tasks);
 * ```
 */
export async function readPretrainSeeds(
  variants: readonly string[],
  pretrainSeeds: TableArgs['pretrainSeeds'],
  seedOne: SeedOneInputs,
  tasks: readonly { readonly name: string; readonly metric: MetricName }[],
): Promise<SeededVariant[]> {
  const out: SeededVariant[] = [];
  for (const id of variants) {
    const others = pretrainSeeds[id];
    if (others === undefined) continue;
    const mainPositions = seedOne.mlm.get(id);
    const seeds = [seedScores(1, id, seedOne.rows, seedOne.predictions, mainPositions, tasks)];
    for (const s of others) {
      const { rows, predictions } = await readFinetuneResults(s.finetune);
      const positions = isFinished(s.mlm) ? await readPositionsCsv(s.mlm) : undefined;
      // the same masked positions as the seed-1 models', or the losses are not comparable
      if (positions !== undefined && mainPositions !== undefined) pairPositions(mainPositions, positions);
      seeds.push(seedScores(s.seed, s.model, rows, predictions, positions, tasks));
    }
    out.push({ id, seeds });
  }
  return out;
}
