import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_SEED } from '@ksub/core';
import {
  getTask,
  listSkipped,
  listTasks,
  loadTaskSpec,
  parseDecimal,
  type Task,
  XNLI_LANGUAGES,
} from '@ksub/evaluation';
import { initBackend } from '@ksub/tensor';
import { type Evaluation, finetune, libreOfficeProtocol, xnliProtocol } from '@ksub/training';
import { languageTable } from '../report/language-table';

const USAGE = `usage: nx run experiments:finetune -- (--task NAME | --task-spec FILE.json | --xnli PROTOCOL) --model DIR
        [--lr 1e-4,5e-5] [--batch 16,32] [--epochs 3] [--seeds 1] [--max-train N]
        [--label NAME] [--save-to DIR] [--out docs/results/finetune.csv]
  --task NAME [--data-dir DIR]
  --xnli cross-lingual|translate-train-all [--glue-dir data/glue_data] [--xnli-dir data/XNLI-1.0]
        [--xnli-mt-dir data/XNLI-MT-1.0] [--languages ar,bg,…]
  --libreoffice cross-lingual|train-all [--languages en,de,…]   (offline; npx nx run corpus:setup-debian)
  Fine-tunes a pretrained model (experiments:pretrain's OUT/model) over the lr × batch grid and
  appends one CSV row per evaluation, metric and epoch. --save-to keeps the best fine-tuned encoder
  (e.g. MNLI's, to start RTE, STS-B and MRPC from) and locks DIR for the run. Batch sizes, epochs,
  --max-train are integers >= 1, seeds integers >= 0; a flag of another mode is an error, not
  ignored. Tasks: TASKS.`;

/** `--lr`: comma-separated positive plain decimals (`0x10`, `Infinity` and empty are refused). */
function decimals(flag: string, text: string): number[] {
  const values = text.split(',').map(parseDecimal);
  if (values.some((v) => v === null || v <= 0))
    throw new RangeError(
      `finetune: --${flag} must be comma-separated positive decimal numbers; got ${JSON.stringify(text)}`,
    );
  return values as number[];
}

/** Comma-separated integers in [min, max], written as plain digits. */
function integers(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number[] {
  const values = text.split(',').map((t) => (/^\d+$/.test(t) ? Number(t) : NaN));
  if (values.some((v) => !(v >= min && v <= max))) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(
      `finetune: --${flag} must be comma-separated integers ${range}; got ${JSON.stringify(text)}`,
    );
  }
  return values;
}

/** One integer >= 1 (`--epochs 1.5` is an error, not 1 epoch). */
function count(flag: string, text: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(value) && value >= 1))
    throw new RangeError(`finetune: --${flag} must be an integer >= 1; got ${JSON.stringify(text)}`);
  return value;
}

type Mode = 'task' | 'task-spec' | 'xnli' | 'libreoffice';

/** Flags that only some modes read, and which; every other flag applies to all. */
const ONLY_WITH: Readonly<Record<string, readonly Mode[]>> = {
  'data-dir': ['task'],
  'glue-dir': ['xnli'],
  'xnli-dir': ['xnli'],
  'xnli-mt-dir': ['xnli'],
  languages: ['xnli', 'libreoffice'],
};

/** Refuses a flag given with a mode that does not read it, rather than ignoring it. */
function assertFlagsApply(values: Readonly<Record<string, unknown>>, mode: Mode): void {
  for (const [flag, modes] of Object.entries(ONLY_WITH))
    if (values[flag] !== undefined && !modes.includes(mode))
      throw new RangeError(
        `finetune: --${flag} applies only with ${modes.map((m) => `--${m}`).join(' or ')}; got it with --${mode}`,
      );
  if (values['xnli-mt-dir'] !== undefined && values['xnli'] !== 'translate-train-all')
    throw new RangeError(
      `finetune: --xnli-mt-dir applies only with --xnli translate-train-all; got it with --xnli ${String(values['xnli'])}`,
    );
}

/** `nx run experiments:finetune`: the paper's fine-tuning protocol on one task or an XNLI protocol. */
async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
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
        // no defaults here: a flag given with a mode that does not read it must be seen
        'glue-dir': { type: 'string' },
        'xnli-dir': { type: 'string' },
        'xnli-mt-dir': { type: 'string' },
        languages: { type: 'string' },
        out: { type: 'string', default: 'docs/results/finetune.csv' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new TypeError(`finetune: ${(error as Error).message}`); // an unknown flag, a missing value
  }
  const { values } = parsed;
  const chosen = [values.task, values['task-spec'], values.xnli, values.libreoffice].filter(
    (v) => v !== undefined,
  ).length;
  if (values.help === true || values.model === undefined || chosen !== 1) {
    process.stdout.write(`${USAGE.replace('TASKS', listTasks().join(', '))}\n`);
    if (values.help !== true) process.exitCode = 2;
    return;
  }
  const mode: Mode =
    values.task !== undefined
      ? 'task'
      : values['task-spec'] !== undefined
        ? 'task-spec'
        : values.xnli !== undefined
          ? 'xnli'
          : 'libreoffice';
  assertFlagsApply(values, mode);
  const grid = {
    learningRates: decimals('lr', values.lr as string),
    batchSizes: integers('batch', values.batch as string, 1),
    seeds: integers('seeds', values.seeds as string, 0, MAX_SEED),
    epochs: count('epochs', values.epochs as string),
    ...(values['max-train'] === undefined
      ? {}
      : { maxTrainExamples: count('max-train', values['max-train']) }),
  };
  let setup: { task: Task; evaluations?: readonly Evaluation[] };
  if (values.xnli !== undefined) {
    if (values.xnli !== 'cross-lingual' && values.xnli !== 'translate-train-all')
      throw new RangeError(
        `finetune: --xnli must be cross-lingual or translate-train-all; got ${JSON.stringify(values.xnli)}`,
      );
    setup = xnliProtocol(values.xnli, {
      glueDir: values['glue-dir'] ?? 'data/glue_data',
      xnliDir: values['xnli-dir'] ?? 'data/XNLI-1.0',
      xnliMtDir: values['xnli-mt-dir'] ?? 'data/XNLI-MT-1.0',
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
    ...grid,
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
  const n = result.skipped.length;
  if (n > 0)
    process.stdout.write(
      `${n} row${n === 1 ? '' : 's'} skipped while loading:\n${listSkipped(result.skipped)}`,
    );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
