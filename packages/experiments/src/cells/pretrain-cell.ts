import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { initBackend } from '@ksub/tensor';
import { listTokenizers } from '@ksub/tokenizers';
import { pretrain, PretrainConfigSchema, resolvePretrainConfig } from '@ksub/training';
import type { z } from 'zod';
import type { CellContext, CellKind } from './cell-kind';
import { ensureParent } from './common';
import { keepModel } from './keep-model';

/** A `pretrain` cell's args: a pretraining config, as `experiments:pretrain --config` reads it. */
export type PretrainArgs = z.infer<typeof PretrainConfigSchema>;

/** Whether a cell output is a kept (committed) model directory: `…/models/<name>`. */
export const isKeptModel = (output: string): boolean => /\/models\/[^/]+$/.test(output);

/**
 * MLM pretraining, resumable (`context.resume`: from the newest checkpoint). The run's metrics
 * are copied to the cell's `*.metrics.jsonl` output when it lists one, and its final model kept in
 * float16 in the `…/models/<variant>` output when it lists one (the grid commits both; the run's
 * checkpoints stay in `runs/`, scratch).
 */
async function runPretrain(args: PretrainArgs, context: CellContext): Promise<boolean> {
  const backend = await initBackend();
  const result = await pretrain(args, { resume: context.resume, configSource: context.source });
  const v = result.validation;
  process.stdout.write(
    `pretrain: ${result.step} steps in ${result.outDir} (backend ${backend.name}, ${result.parameters.toLocaleString('en-US')} parameters, ` +
      (result.resumedFrom === result.step
        ? `finished already: nothing trained in this invocation)`
        : `${Math.round(result.tokensPerSecond)} tokens/s)`) +
      (v === null
        ? '\n'
        : `; validation loss ${v.loss.toFixed(3)}, perplexity ${v.perplexity.toFixed(1)}, accuracy ${(100 * v.accuracy).toFixed(1)}%\n`),
  );
  const metrics = context.outputs.find((o) => o.endsWith('.metrics.jsonl'));
  if (metrics !== undefined) await copyFile(join(args.outDir, 'metrics.jsonl'), await ensureParent(metrics));
  const kept = context.outputs.find(isKeptModel);
  if (kept !== undefined) {
    await ensureParent(kept);
    const bytes = await keepModel(join(args.outDir, 'model'), kept);
    process.stdout.write(
      `pretrain: kept the model in ${kept} (float16, ${(bytes / 2 ** 20).toFixed(1)} MiB)\n`,
    );
  }
  return true;
}

/** The `pretrain` cell kind: its args are `@ksub/training`'s {@link PretrainConfigSchema}. */
export const pretrainCell: CellKind<'pretrain', PretrainArgs> = {
  kind: 'pretrain',
  schema: PretrainConfigSchema,
  run: runPretrain,
  registered: { tokenizer: listTokenizers },
  // the rules across fields (warmup ≤ steps, checkpointEvery a multiple of logEvery)
  check: (args) => {
    try {
      resolvePretrainConfig(args);
      return [];
    } catch (error) {
      return [error instanceof Error ? error.message : String(error)];
    }
  },
};
