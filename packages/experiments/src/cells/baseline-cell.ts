import { rm } from 'node:fs/promises';
import {
  bagOfWordsBaseline,
  type BaselineMetric,
  computeMetric,
  type Example,
  getTask,
  listTasks,
  loadNonEmpty,
  majorityClass,
} from '@ksub/evaluation';
import {
  appendPredictions,
  appendResults,
  examplesFingerprint,
  predictionsPathFor,
  type ResultRow,
} from '@ksub/training';
import { z } from 'zod';
import type { CellKind } from './cell-kind';
import { ensureParent } from './common';
import { controlRow } from './control-row';
import { finetuneSetup, ProtocolSchema } from './finetune-setup';
import { protocolMajority } from './protocol-majority';

/**
 * A `baseline` cell's args: the controls that need no encoder, on a task's held-out split, or the
 * majority class on every language's held-out split under a multilingual protocol (Table 4).
 */
export const BaselineArgsSchema = z
  .strictObject({
    /** Registered task with train, dev and `testSplit` (exactly one of `task`, `protocol`). */
    task: z.string().min(1).optional(),
    /** A multilingual protocol: the majority class only, per language. */
    protocol: ProtocolSchema.optional(),
    testSplit: z.string().min(1).default('test'),
    /** With a protocol: the models' cap on training examples (the same sample). */
    maxTrain: z.number().int().min(1).optional(),
    /** With a protocol: the models' cap on examples per evaluation (the same sample). */
    maxEval: z.number().int().min(1).optional(),
    /** Rows (`majority`, `bag-of-words`) in the fine-tuning CSV format; predictions beside it. */
    out: z.string().min(1),
  })
  .superRefine((a, ctx) => {
    if ((a.task === undefined) === (a.protocol === undefined))
      ctx.addIssue({
        code: 'custom',
        message: 'exactly one of task, protocol must be given',
        input: (['task', 'protocol'] as const).filter((key) => a[key] !== undefined),
      });
    for (const key of ['maxTrain', 'maxEval'] as const)
      if (a[key] !== undefined && a.protocol === undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: 'applies only with protocol', input: a[key] });
  });

/** {@link BaselineArgsSchema}'s type (defaults filled). */
export type BaselineArgs = z.infer<typeof BaselineArgsSchema>;

/**
 * The two controls of every table that need no encoder: the majority class of the train split,
 * and a bag-of-words logistic regression whose L2 strength is chosen on dev (the task's first
 * metric). Each writes a dev row and test rows in the fine-tuning CSV format (lr, batch and seed 0:
 * no grid, deterministic) and its test predictions beside them, so the tables pair them with the
 * models on the same test examples. For a protocol, the majority class alone, per language
 * (`protocolMajority`); resolves false — not done — when the protocol's data is not installed.
 */
async function runBaseline(args: BaselineArgs): Promise<boolean> {
  const fn = 'baseline';
  if (args.protocol !== undefined) {
    const setup = await finetuneSetup({ protocol: args.protocol, testSplit: args.testSplit });
    if (setup === undefined) return false;
    const out = await ensureParent(args.out);
    await rm(out, { force: true });
    await rm(predictionsPathFor(out), { force: true });
    const summary = await protocolMajority(setup, { maxTrain: args.maxTrain, maxEval: args.maxEval, out });
    process.stdout.write(
      `baseline ${args.protocol.suite} ${args.protocol.name} (${args.testSplit}): ${summary}\n`,
    );
    return true;
  }
  if (args.task === undefined) throw new TypeError('baseline: one of task, protocol must be given; got none');
  const task = getTask(args.task);
  const [train, dev, test] = await Promise.all(
    ['train', 'dev', args.testSplit].map((split) => loadNonEmpty(fn, task, split)),
  );
  const examples = (s: { examples: readonly Example[] } | undefined) => s?.examples ?? [];
  const labels = (s: readonly Example[]) => s.map((e) => e.label);
  const metric = task.metrics[0] as BaselineMetric;
  const out = await ensureParent(args.out);
  await rm(out, { force: true });
  await rm(predictionsPathFor(out), { force: true });
  const majority = majorityClass(labels(examples(train)));
  const bow = bagOfWordsBaseline({
    train: examples(train),
    dev: examples(dev),
    test: examples(test),
    numLabels: task.labels.length,
    metric,
  });
  const devGold = labels(examples(dev));
  const testGold = labels(examples(test));
  const controls = [
    { model: 'majority', dev: devGold.map(() => majority), test: testGold.map(() => majority) },
    { model: 'bag-of-words', dev: undefined, devScore: bow.devScore, test: Array.from(bow.predictions) },
  ];
  const rows: ResultRow[] = [];
  for (const c of controls) {
    const base = controlRow(c.model);
    for (const m of task.metrics) {
      const devValue =
        c.dev === undefined
          ? m === metric
            ? (c.devScore ?? Number.NaN)
            : Number.NaN
          : computeMetric(m, c.dev, devGold);
      rows.push({ ...base, task: task.name, split: 'dev', metric: m, value: devValue });
    }
    for (const m of task.metrics)
      rows.push({
        ...base,
        task: task.name,
        split: args.testSplit,
        metric: m,
        value: computeMetric(m, c.test, testGold),
      });
    await appendPredictions(predictionsPathFor(out), [
      {
        task: task.name,
        model: base.model,
        lr: base.lr,
        batch: base.batch,
        seed: base.seed,
        epoch: base.epoch,
        dev:
          rows.find((r) => r.model === c.model && r.split === 'dev' && r.metric === metric)?.value ??
          Number.NaN,
        split: args.testSplit,
        examples: examplesFingerprint(examples(test)),
        gold: testGold,
        predictions: c.test,
      },
    ]);
  }
  await appendResults(out, rows);
  const fmt = (model: string) =>
    `${model} ${metric} ${(100 * (rows.find((r) => r.model === model && r.split === args.testSplit && r.metric === metric)?.value ?? Number.NaN)).toFixed(1)}`;
  process.stdout.write(
    `baseline ${task.name} (${args.testSplit}): ${fmt('majority')}; ${fmt('bag-of-words')} (L2 ${bow.l2} chosen on dev, ${bow.vocabularySize} words)\n`,
  );
  return true;
}

/** The `baseline` cell kind: majority class and bag-of-words controls for a task; the majority class per language for a protocol. */
export const baselineCell: CellKind<'baseline', BaselineArgs, z.input<typeof BaselineArgsSchema>> = {
  kind: 'baseline',
  schema: BaselineArgsSchema,
  run: runBaseline,
  registered: { task: listTasks },
};
