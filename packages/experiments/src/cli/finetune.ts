import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getTask, listTasks, loadTaskSpec, type Task } from '@ksub/evaluation';
import { initBackend } from '@ksub/tensor';
import { finetune } from '@ksub/training';

const USAGE = `usage: nx run experiments:finetune -- (--task NAME | --task-spec FILE.json) --model DIR
        [--lr 1e-4,5e-5] [--batch 16,32] [--epochs 3] [--seeds 1] [--data-dir DIR] [--max-train N]
        [--label NAME] [--out docs/results/finetune.csv]
  Fine-tunes a pretrained model (experiments:pretrain's OUT/model) over the lr × batch grid and
  appends one CSV row per metric and epoch. Tasks: ${'${TASKS}'}.`;

function numbers(name: string, text: string): number[] {
  const values = text.split(',').map(Number);
  if (values.some((v) => !Number.isFinite(v) || v <= 0))
    throw new RangeError(
      `finetune: --${name} must be comma-separated positive numbers; got ${JSON.stringify(text)}`,
    );
  return values;
}

/** `nx run experiments:finetune`: the paper's fine-tuning protocol on one task. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      task: { type: 'string' },
      'task-spec': { type: 'string' },
      model: { type: 'string' },
      lr: { type: 'string', default: '1e-4,5e-5' },
      batch: { type: 'string', default: '16,32' },
      epochs: { type: 'string', default: '3' },
      seeds: { type: 'string', default: '1' },
      'data-dir': { type: 'string' },
      'max-train': { type: 'string' },
      label: { type: 'string' },
      out: { type: 'string', default: 'docs/results/finetune.csv' },
      help: { type: 'boolean', default: false },
    },
  });
  const usage = USAGE.replace('${TASKS}', listTasks().join(', '));
  if (
    values.help === true ||
    values.model === undefined ||
    (values.task === undefined) === (values['task-spec'] === undefined)
  ) {
    process.stdout.write(`${usage}\n`);
    if (values.help !== true) process.exitCode = 2;
    return;
  }
  const task: Task =
    values['task-spec'] !== undefined
      ? await loadTaskSpec(values['task-spec'])
      : getTask(
          values.task as string,
          values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] },
        );
  const backend = await initBackend();
  const result = await finetune({
    model: values.model,
    ...(values.label === undefined ? {} : { modelLabel: values.label }),
    task,
    learningRates: numbers('lr', values.lr as string),
    batchSizes: numbers('batch', values.batch as string),
    seeds: numbers('seeds', values.seeds as string),
    epochs: numbers('epochs', values.epochs as string)[0] as number,
    ...(values['max-train'] === undefined
      ? {}
      : { maxTrainExamples: numbers('max-train', values['max-train'])[0] as number }),
    resultsCsv: resolve(values.out as string),
  });
  const b = result.best;
  process.stdout.write(
    `finetune ${task.name} (backend ${backend.name}): best ${b.metric} ${b.value.toFixed(4)} at lr ${b.lr}, batch ${b.batch}, seed ${b.seed}, epoch ${b.epoch}; ` +
      `${result.rows.length} rows appended to ${values.out}\n`,
  );
  if (result.skipped.length > 0) {
    process.stdout.write(`${result.skipped.length} rows skipped while loading:\n`);
    for (const s of result.skipped.slice(0, 20)) process.stdout.write(`  ${s.file}:${s.line}: ${s.reason}\n`);
    if (result.skipped.length > 20) process.stdout.write(`  … and ${result.skipped.length - 20} more\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
