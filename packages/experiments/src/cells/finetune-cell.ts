import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { MAX_SEED } from '@ksub/core';
import { writeFileAtomic } from '@ksub/core/node';
import { listSkipped, listTasks } from '@ksub/evaluation';
import { initBackend } from '@ksub/tensor';
import { listTokenizers } from '@ksub/tokenizers';
import { finetune, predictionsPathFor } from '@ksub/training';
import { z } from 'zod';
import { languageTable } from '../report/language-table';
import type { CellContext, CellKind } from './cell-kind';
import { ensureParent } from './common';
import { finetuneSetup, ProtocolSchema, XnliDataSchema } from './finetune-setup';

const int = (min: number) => z.number().int().min(min);

/**
 * A `finetune` cell's args, and the `finetune` CLI's flags: what is trained (exactly one of `task`,
 * `taskSpec`, `protocol`), the pretrained model, the lr × batch × seed grid, where rows go.
 */
export const FinetuneArgsSchema = z
  .strictObject({
    /** Registered task (Tables 2–3, seed 001). */
    task: z.string().min(1).optional(),
    /** A task spec JSON file (`experiments:finetune --task-spec`). */
    taskSpec: z.string().min(1).optional(),
    /** With `task`: the directory of its files. */
    dataDir: z.string().min(1).optional(),
    /** A multilingual protocol (Table 4). */
    protocol: ProtocolSchema.optional(),
    /** With an XNLI protocol: where its files are. */
    xnliData: XnliDataSchema.optional(),
    /** Registered tokenizer the model was pretrained with (default the model's). */
    tokenizer: z.string().min(1).optional(),
    /** A saved model directory (a pretraining run's `model/`). */
    model: z.string().min(1),
    /** The model's name in the results (default its path). */
    label: z.string().min(1).optional(),
    learningRates: z.array(z.number().positive()).min(1).readonly(),
    batchSizes: z.array(int(1)).min(1).readonly(),
    seeds: z.array(int(0).max(MAX_SEED)).min(1).readonly().optional(),
    /** How many of `seeds` run the lr × batch grid; the others run at the configuration dev chose. */
    searchSeeds: int(1).optional(),
    /** Maximum epochs per run (with `patience`). */
    epochs: int(1),
    /** Early stopping on dev. */
    patience: int(1).optional(),
    /**
     * Held-out split scored at each run's best dev epoch, its predictions saved beside `out`; with
     * a protocol, every language's (the suites' `test`, which a protocol scores even when this is
     * left out).
     */
    testSplit: z.string().min(1).optional(),
    /** The no-pretraining control: the model's architecture and embedding, freshly initialised. */
    reinitialise: z.boolean().optional(),
    /** Cap on training examples (CI-sized runs). */
    maxTrain: int(1).optional(),
    /** Cap on examples per evaluation. */
    maxEval: int(1).optional(),
    /** Keep the best fine-tuned encoder here (e.g. MNLI's, to start RTE from). */
    saveTo: z.string().min(1).optional(),
    /** The results CSV. */
    out: z.string().min(1),
    /** Add to the rows `out` holds (the CLI) rather than write it afresh (a grid cell: its own rows only). */
    append: z.boolean().default(false),
  })
  .superRefine((a, ctx) => {
    const given = (['task', 'taskSpec', 'protocol'] as const).filter((key) => a[key] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message: 'exactly one of task, taskSpec, protocol must be given',
        input: given,
      });
    if (a.dataDir !== undefined && a.task === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['dataDir'],
        message: 'applies only with task',
        input: a.dataDir,
      });
    if (a.xnliData !== undefined && a.protocol?.suite !== 'xnli')
      ctx.addIssue({
        code: 'custom',
        path: ['xnliData'],
        message: 'applies only with an xnli protocol',
        input: a.xnliData,
      });
  });

/** {@link FinetuneArgsSchema}'s type (defaults filled). */
export type FinetuneArgs = z.infer<typeof FinetuneArgsSchema>;

/**
 * Fine-tunes a pretrained model over the grid, one CSV row per evaluation, metric and epoch, and
 * prints the best cell (and for a protocol, accuracy per language). Resolves false — the cell is
 * not done — when a protocol's offline data is not installed.
 */
async function runFinetune(args: FinetuneArgs, context: CellContext): Promise<boolean> {
  const setup = await finetuneSetup(args);
  if (setup === undefined) return false;
  // a cell interrupted mid-grid continues where it stopped — only with exactly these settings
  const partial = `${args.out}.partial.json`;
  const hash = createHash('sha256').update(JSON.stringify(args)).digest('hex');
  const resume =
    !args.append &&
    context.resume &&
    existsSync(partial) &&
    (JSON.parse(readFileSync(partial, 'utf8')) as { hash?: string }).hash === hash;
  if (!args.append && !resume) {
    await rm(args.out, { force: true });
    await rm(predictionsPathFor(args.out), { force: true });
  }
  if (!args.append) await writeFileAtomic(await ensureParent(partial), `${JSON.stringify({ hash })}\n`);
  if (resume) process.stdout.write(`finetune: resuming ${args.out} (runs already finished are kept)\n`);
  const backend = await initBackend();
  const result = await finetune({
    model: args.model,
    ...(args.label === undefined ? {} : { modelLabel: args.label }),
    ...setup,
    ...(args.tokenizer === undefined ? {} : { tokenizer: args.tokenizer }),
    ...(args.saveTo === undefined ? {} : { saveTo: args.saveTo }),
    learningRates: args.learningRates,
    batchSizes: args.batchSizes,
    ...(args.seeds === undefined ? {} : { seeds: args.seeds }),
    ...(args.searchSeeds === undefined ? {} : { searchSeeds: args.searchSeeds }),
    epochs: args.epochs,
    ...(args.patience === undefined ? {} : { patience: args.patience }),
    // a protocol's held-out splits came with its setup (`tests`)
    ...(args.testSplit === undefined || args.protocol !== undefined ? {} : { testSplit: args.testSplit }),
    ...(args.reinitialise === undefined ? {} : { reinitialise: args.reinitialise }),
    ...(args.maxTrain === undefined ? {} : { maxTrainExamples: args.maxTrain }),
    ...(args.maxEval === undefined ? {} : { maxEvalExamples: args.maxEval }),
    resultsCsv: args.out,
    resume,
  });
  if (!args.append) await rm(partial, { force: true });
  const b = result.best;
  const s = result.selection;
  process.stdout.write(
    `finetune ${setup.task.name} (backend ${backend.name}): chosen on ${b.task}'s dev: lr ${s.lr}, batch ${s.batch} (mean best ${b.metric} ${s.dev.toFixed(4)} over seed${s.selectionSeeds.length === 1 ? '' : 's'} ${s.selectionSeeds.join(', ')}); ` +
      `best epochs ${s.runs.map((r) => `${r.epoch} (seed ${r.seed})`).join(', ')}; ` +
      `${result.rows.length} rows ${args.append ? 'appended to' : 'written to'} ${args.out}\n`,
  );
  if (s.atEdge.length > 0)
    process.stdout.write(
      `finetune: the chosen ${s.atEdge.join(' and ')} is at the edge of the grid (lr ${JSON.stringify(args.learningRates)}, batch ${JSON.stringify(args.batchSizes)}): the optimum may lie outside it; widen the grid\n`,
    );
  if (args.protocol !== undefined) {
    const prefix = args.protocol.suite === 'xnli' ? 'xnli' : 'libreoffice-module';
    const reported = (setup.tests ?? []).map((e) => e.name.slice(prefix.length + 1));
    const held = new Set((setup.tests ?? []).map((e) => `${e.name}|${e.split}`));
    const chosen = result.rows.filter(
      (r) => held.has(`${r.task}|${r.split}`) && r.lr === s.lr && r.batch === s.batch,
    );
    process.stdout.write(
      `held-out accuracy per language at each run's best dev epoch, mean over the chosen configuration's ${s.runs.length} run${s.runs.length === 1 ? '' : 's'}:\n${languageTable(chosen, prefix, reported, 'accuracy', 'mean')}\n`,
    );
  }
  const n = result.skipped.length;
  if (n > 0)
    process.stdout.write(
      `${n} row${n === 1 ? '' : 's'} skipped while loading:\n${listSkipped(result.skipped)}`,
    );
  return true;
}

/** The `finetune` cell kind: Tables 2–3 and seed 001 (one task), Table 4 (a protocol). */
export const finetuneCell: CellKind<'finetune', FinetuneArgs, z.input<typeof FinetuneArgsSchema>> = {
  kind: 'finetune',
  schema: FinetuneArgsSchema,
  run: runFinetune,
  registered: { task: listTasks, tokenizer: listTokenizers },
};
