import { existsSync } from 'node:fs';
import { writeFileAtomic } from '@ksub/core/node';
import { initBackend } from '@ksub/tensor';
import {
  checkpointDir,
  listCheckpoints,
  loadRunWeights,
  PretrainConfigSchema,
  pretrainConfigHash,
  resolvePretrainConfig,
} from '@ksub/training';
import { MaskedLanguageModel } from '@ksub/transformer';
import { resolveEmbedding } from '@ksub/transformer/node';
import { z } from 'zod';
import { checkpointsFrom } from '../grid/curve-settings';
import type { CellContext, CellKind } from './cell-kind';
import { ensureParent } from './common';
import { keepLoadedModel } from './keep-model';

/** A `snapshot` cell's args: which run, which update, where the model and its record go. */
export const SnapshotArgsSchema = z.strictObject({
  /** The run's pretraining config (its `curve-pretrain` cell's args): where its checkpoints are, what model they hold. */
  pretrain: PretrainConfigSchema,
  /** The update whose checkpoint becomes the model. */
  step: z.number().int().min(1),
  /** The model directory (float16 with `SHA256SUMS`): kept under `docs/results/…/models/`, or scratch under `runs/`. */
  out: z.string().min(1),
  /** The committed record of which checkpoint and which bytes the model came from (JSON). */
  record: z.string().min(1),
});

/** {@link SnapshotArgsSchema}'s type. */
export type SnapshotArgs = z.infer<typeof SnapshotArgsSchema>;

/** What a `snapshot` cell records beside the model (committed, even when the model is scratch). */
export interface SnapshotRecord {
  readonly format: 'ksub-curve-snapshot';
  /** The update, and the checkpoint directory it was read from. */
  readonly step: number;
  readonly checkpoint: string;
  /** The run's config hash, as the checkpoint records it (`pretrainConfigHash`). */
  readonly configSha256: string;
  /** SHA-256 of the checkpoint's float32 weights (`model.bin`), as its manifest lists it. */
  readonly checkpointWeightsSha256: string;
  /** Where the float16 model went, and its bytes. */
  readonly model: string;
  readonly bytes: number;
}

/**
 * Builds the run's model (its config and embedding) with the weights of its checkpoint at `step`,
 * after checking every file against the checkpoint's manifest and its config hash against the run's.
 *
 * @throws Error naming the path and the step when there is no such checkpoint (with the steps
 *   there are); FormatError when it is corrupt or was written by a run with another config
 */
async function modelAtCheckpoint(
  args: SnapshotArgs,
  source: string,
): Promise<{
  model: MaskedLanguageModel;
  tokenizer: string;
  path: string;
  weightsSha256: string;
  hash: string;
}> {
  const config = resolvePretrainConfig(args.pretrain, source);
  const path = checkpointDir(config.outDir, args.step);
  if (!existsSync(path)) {
    const there = (await listCheckpoints(config.outDir)).map((c) => c.step);
    throw new Error(
      `snapshot: the checkpoint of step ${args.step} must exist at ${path}; got none (the run's checkpoints: ${there.length === 0 ? 'none' : there.join(', ')}). ` +
        `Run its curve-pretrain cell first, with keepCheckpoints large enough to keep every snapshot.`,
    );
  }
  const hash = pretrainConfigHash(config);
  const model = MaskedLanguageModel.fromSpec(
    config.model,
    // a relative allocationFile is relative to the working directory, as pretraining reads it
    await resolveEmbedding(config.embedding, process.cwd()),
    config.seed,
  );
  let weightsSha256: string;
  try {
    ({ weightsSha256 } = await loadRunWeights(path, model.params, hash));
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { model, tokenizer: config.tokenizer, path, weightsSha256, hash };
}

/**
 * A learning-curve snapshot: the weights a pretraining run had after `step` updates, read from its
 * checkpoint (`runs/<preset>/curve-<v>/checkpoints/step-…`; the run keeps every one) and saved as a
 * model in the kept-model format (float16, `SHA256SUMS`) — where fine-tuning and the MLM scoring
 * load it exactly as they load the Table 2–3 models. Which snapshots are committed is the preset's
 * choice (`curves.committed`): at `mini` the k-sub snapshots (~1.6 MB each) all are, the full
 * model's (~14 MB each) only those fine-tuned (2,000 and 8,000); the others are written under
 * `runs/` and stay loadable only while the run directory exists. Every snapshot commits a small
 * record (`curves/snapshots/<label>.json`: checkpoint, config hash, weights checksum).
 */
async function runSnapshot(args: SnapshotArgs, context: CellContext): Promise<boolean> {
  const backend = await initBackend();
  const { model, tokenizer, path, weightsSha256, hash } = await modelAtCheckpoint(args, context.source);
  let bytes: number;
  try {
    bytes = await keepLoadedModel(model, tokenizer, await ensureParent(args.out));
  } finally {
    model.dispose();
  }
  const record: SnapshotRecord = {
    format: 'ksub-curve-snapshot',
    step: args.step,
    checkpoint: path,
    configSha256: hash,
    checkpointWeightsSha256: weightsSha256,
    model: args.out,
    bytes,
  };
  await writeFileAtomic(await ensureParent(args.record), `${JSON.stringify(record, null, 2)}\n`);
  process.stdout.write(
    `snapshot: step ${args.step} of ${path} (backend ${backend.name}) → ${args.out} (float16, ${(bytes / 2 ** 20).toFixed(1)} MiB)\n`,
  );
  return true;
}

/** Problems the dry run finds: a step the run never checkpoints, or one its kept checkpoints drop. */
function snapshotProblems(args: SnapshotArgs): string[] {
  let config;
  try {
    config = resolvePretrainConfig(args.pretrain);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  const { steps, checkpointEvery, keepCheckpoints } = config;
  if (args.step > steps) return [`step ${args.step} is past the run's ${steps} steps`];
  if (args.step % checkpointEvery !== 0 && args.step !== steps)
    return [`step ${args.step} is not checkpointed (checkpointEvery ${checkpointEvery})`];
  const written = checkpointsFrom(args.step, steps, checkpointEvery);
  return written > keepCheckpoints
    ? [
        `step ${args.step}'s checkpoint is dropped before the run ends (keepCheckpoints ${keepCheckpoints}; ${written} are written from it on)`,
      ]
    : [];
}

/**
 * The `snapshot` cell kind (learning curves): a model from a pretraining run's checkpoint, kept in
 * the format and place the fine-tuning and MLM cells read kept models from. Committed or scratch
 * per the preset's `curves.committed`: at `mini` the full model's snapshots (~14 MB each in
 * float16) are committed only where fine-tuned (2,000 and 8,000 updates), the k-sub ones (~1.6 MB)
 * at all four; the rest live under `runs/` and are loadable only while the run directory exists
 * (their MLM positions and the cell's record are committed either way).
 */
export const snapshotCell: CellKind<'snapshot', SnapshotArgs, z.input<typeof SnapshotArgsSchema>> = {
  kind: 'snapshot',
  schema: SnapshotArgsSchema,
  run: runSnapshot,
  check: snapshotProblems,
};
