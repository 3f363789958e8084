import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getTask, listTasks, loadTaskSpec, type Task, XNLI_LANGUAGES } from '@ksub/evaluation';
import { initBackend } from '@ksub/tensor';
import { type Evaluation, finetune, libreOfficeProtocol, xnliProtocol } from '@ksub/training';
import { languageTable } from '../report/language-table';

const USAGE = `usage: nx run experiments:finetune -- (--task NAME | --task-spec FILE.json | --xnli PROTOCOL) --model DIR
        [--lr 1e-4,5e-5] [--batch 16,32] [--epochs 3] [--seeds 1] [--data-dir DIR] [--max-train N]
        [--label NAME] [--save-to DIR] [--out docs/results/finetune.csv]
  --xnli cross-lingual|translate-train-all [--glue-dir data/glue_data] [--xnli-dir data/XNLI-1.0]
        [--xnli-mt-dir data/XNLI-MT-1.0] [--languages ar,bg,…]
  --libreoffice cross-lingual|train-all [--languages en,de,…]   (offline; npx nx run corpus:setup-debian)
  Fine-tunes a pretrained model (experiments:pretrain's OUT/model) over the lr × batch grid and
  appends one CSV row per evaluation, metric and epoch. --save-to keeps the best fine-tuned encoder
  (e.g. MNLI's, to start RTE, STS-B and MRPC from). Tasks: TASKS.`;

function numbers(name: string, text: string): number[] {
  const values = text.split(',').map(Number);
  if (values.some((v) => !Number.isFinite(v) || v <= 0))
    throw new RangeError(
      `finetune: --${name} must be comma-separated positive numbers; got ${JSON.stringify(text)}`,
    );
  return values;
}

/** `nx run experiments:finetune`: the paper's fine-tuning protocol on one task or an XNLI protocol. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      task: { type: 'string' },
      'task-spec': { type: 'string' },
      xnli: { type: 'string' },
      libreoffice: { type: 'string' },
      model: { type: 'string' },
      lr: { type: 'string', default: '1e-4,5e-5' },
      batch: { type: 'string', default: '16,32' },
      epochs: { type: 'string', default: '3' },
      seeds: { type: 'string', default: '1' },
      'data-dir': { type: 'string' },
      'max-train': { type: 'string' },
      label: { type: 'string' },
      'save-to': { type: 'string' },
      'glue-dir': { type: 'string', default: 'data/glue_data' },
      'xnli-dir': { type: 'string', default: 'data/XNLI-1.0' },
      'xnli-mt-dir': { type: 'string', default: 'data/XNLI-MT-1.0' },
      languages: { type: 'string' },
      out: { type: 'string', default: 'docs/results/finetune.csv' },
      help: { type: 'boolean', default: false },
    },
  });
  const chosen = [values.task, values['task-spec'], values.xnli, values.libreoffice].filter(
    (v) => v !== undefined,
  ).length;
  if (values.help === true || values.model === undefined || chosen !== 1) {
    process.stdout.write(`${USAGE.replace('TASKS', listTasks().join(', '))}\n`);
    if (values.help !== true) process.exitCode = 2;
    return;
  }
  let setup: { task: Task; evaluations?: readonly Evaluation[] };
  if (values.xnli !== undefined) {
    if (values.xnli !== 'cross-lingual' && values.xnli !== 'translate-train-all')
      throw new RangeError(
        `finetune: --xnli must be cross-lingual or translate-train-all; got ${JSON.stringify(values.xnli)}`,
      );
    setup = xnliProtocol(values.xnli, {
      glueDir: values['glue-dir'] as string,
      xnliDir: values['xnli-dir'] as string,
      xnliMtDir: values['xnli-mt-dir'] as string,
      languages: (values.languages ?? XNLI_LANGUAGES.join(',')).split(','),
    });
  } else if (values.libreoffice !== undefined) {
    if (values.libreoffice !== 'cross-lingual' && values.libreoffice !== 'train-all')
      throw new RangeError(
        `finetune: --libreoffice must be cross-lingual or train-all; got ${JSON.stringify(values.libreoffice)}`,
      );
    setup = libreOfficeProtocol(values.libreoffice, values.languages?.split(','));
  } else if (values['task-spec'] !== undefined) setup = { task: await loadTaskSpec(values['task-spec']) };
  else
    setup = {
      task: getTask(
        values.task as string,
        values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] },
      ),
    };
  const backend = await initBackend();
  const result = await finetune({
    model: values.model,
    ...(values.label === undefined ? {} : { modelLabel: values.label }),
    ...setup,
    ...(values['save-to'] === undefined ? {} : { saveTo: values['save-to'] }),
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
    `finetune ${setup.task.name} (backend ${backend.name}): best ${b.task} ${b.metric} ${b.value.toFixed(4)} at lr ${b.lr}, batch ${b.batch}, seed ${b.seed}, epoch ${b.epoch}; ` +
      `${result.rows.length} rows appended to ${values.out}\n`,
  );
  const prefix =
    values.xnli !== undefined ? 'xnli' : values.libreoffice !== undefined ? 'libreoffice-module' : undefined;
  if (prefix !== undefined) {
    const languages = (setup.evaluations ?? [])
      .map((e) => e.name)
      .filter((n) => n.startsWith(`${prefix}-`) && n !== 'xnli-dev')
      .map((n) => n.slice(prefix.length + 1));
    process.stdout.write(`${languageTable(result.rows, prefix, languages, 'accuracy')}\n`);
  }
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
