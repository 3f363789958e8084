import { initBackend } from '@ksub/tensor';
import {
  evaluateMlmPositions,
  loadPretrainValidation,
  PretrainConfigSchema,
  writePositionsCsv,
} from '@ksub/training';
import { loadMaskedLm } from '@ksub/transformer/node';
import { z } from 'zod';
import type { CellContext, CellKind } from './cell-kind';
import { ensureParent } from './common';
import { verifyKeptModel } from './keep-model';

/** An `mlm-positions` cell's args: a kept model and the pretraining config whose validation it is scored on. */
export const MlmPositionsArgsSchema = z.strictObject({
  /** A saved model directory (a kept one is checked against its SHA256SUMS first). */
  model: z.string().min(1),
  /** The pretraining config (the grid's pretrain cell args): validation sequences, masking seed, unigram. */
  pretrain: PretrainConfigSchema,
  /** The per-position CSV. */
  out: z.string().min(1),
});

/** {@link MlmPositionsArgsSchema}'s type. */
export type MlmPositionsArgs = z.infer<typeof MlmPositionsArgsSchema>;

/**
 * Scores a pretrained model at every masked validation position of its pretraining run (the same
 * sequences and masks), writing each position's loss, top-1 hit and the unigram's loss, so two
 * models can be compared paired on the same positions.
 */
async function runMlmPositions(args: MlmPositionsArgs, context: CellContext): Promise<boolean> {
  const backend = await initBackend();
  if (args.model.includes('/models/')) await verifyKeptModel(args.model);
  const validation = await loadPretrainValidation(args.pretrain, context.source);
  const model = await loadMaskedLm(args.model);
  try {
    const positions = evaluateMlmPositions(model, validation.sequences, validation.options);
    await writePositionsCsv(await ensureParent(args.out), positions);
    const n = positions.loss.length;
    const mean = positions.loss.reduce((a, b) => a + b, 0) / n;
    process.stdout.write(
      `mlm-positions ${args.model} (backend ${backend.name}): ${n} masked positions, mean loss ${mean.toFixed(4)} → ${args.out}\n`,
    );
  } finally {
    model.dispose();
  }
  return true;
}

/** The `mlm-positions` cell kind. */
export const mlmPositionsCell: CellKind<
  'mlm-positions',
  MlmPositionsArgs,
  z.input<typeof MlmPositionsArgsSchema>
> = {
  kind: 'mlm-positions',
  schema: MlmPositionsArgsSchema,
  run: runMlmPositions,
};
