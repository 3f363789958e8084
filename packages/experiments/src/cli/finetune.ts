import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_SEED, parseWithSchema } from '@ksub/core';
import { listTasks, parseDecimal } from '@ksub/evaluation';
import { FinetuneArgsSchema, finetuneCell } from '../cells/finetune-cell';

const USAGE = `usage: nx run experiments:finetune -- (--task NAME | --task-spec FILE.json | --xnli PROTOCOL) --model DIR
        [--lr 1e-4,5e-5] [--batch 16,32] [--epochs 3] [--seeds 1] [--max-train N]
        [--label NAME] [--save-to DIR] [--out docs/results/finetune.csv]
        [--test-split test] [--patience N] [--search-seeds N] [--max-eval N] [--reinitialise]
  --task NAME [--data-dir DIR]
  --xnli cross-lingual|translate-train-all [--glue-dir data/glue_data] [--xnli-dir data/XNLI-1.0]
        [--xnli-mt-dir data/XNLI-MT-1.0] [--languages ar,bg,…]
  --libreoffice cross-lingual|train-all [--languages en,de,…]   (offline; npx nx run corpus:setup-debian)
  Fine-tunes a pretrained model (experiments:pretrain's OUT/model) over the lr × batch grid and
  appends one CSV row per evaluation, metric and epoch. --save-to keeps the best fine-tuned encoder
  (e.g. MNLI's, to start RTE, STS-B and MRPC from) and locks DIR for the run. The held-out protocol
  of Tables 2-4: --test-split scores that split at each run's best dev epoch (a protocol scores every
  language's test split itself), --patience stops a run that many epochs past its best dev score,
  --search-seeds N searches lr x batch with the first N seeds only and runs the rest at dev's choice,
  --max-eval caps the examples per evaluation, --reinitialise fine-tunes the architecture freshly
  initialised (the no-pretraining control). Batch sizes, epochs, --max-train, --max-eval, --patience
  and --search-seeds are integers >= 1, seeds integers >= 0; a flag of another mode is an error, not
  ignored. The flags are the args of the grid's finetune cells (one schema, one run), except that
  rows are appended to --out where a grid cell writes its CSV afresh. Tasks: TASKS.`;

/** `--lr`: comma-separated positive plain decimals (`0x10`, `Infinity` and empty are refused). */
function decimals(flag: string, text: string): number[] {
  const values = text.split(',').map(parseDecimal);
  const positive = values.filter((v): v is number => v !== null && v > 0);
  if (positive.length < values.length)
    throw new RangeError(
      `finetune: --${flag} must be comma-separated positive decimal numbers; got ${JSON.stringify(text)}`,
    );
  return positive;
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
        'max-eval': { type: 'string' },
        'test-split': { type: 'string' },
        patience: { type: 'string' },
        'search-seeds': { type: 'string' },
        reinitialise: { type: 'boolean' },
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
    // an unknown flag, a missing value
    throw new TypeError(`finetune: ${error instanceof Error ? error.message : String(error)}`);
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
  const xnli = values.xnli;
  if (xnli !== undefined && xnli !== 'cross-lingual' && xnli !== 'translate-train-all')
    throw new RangeError(
      `finetune: --xnli must be cross-lingual or translate-train-all; got ${JSON.stringify(xnli)}`,
    );
  const libreoffice = values.libreoffice;
  if (libreoffice !== undefined && libreoffice !== 'cross-lingual' && libreoffice !== 'train-all')
    throw new RangeError(
      `finetune: --libreoffice must be cross-lingual or train-all; got ${JSON.stringify(libreoffice)}`,
    );
  const languages = values.languages?.split(',');
  // the flags are a finetune cell's args: the same schema, the same run (rows appended to --out)
  const args = parseWithSchema(
    'finetune',
    FinetuneArgsSchema,
    {
      task: values.task,
      taskSpec: values['task-spec'],
      dataDir: values['data-dir'],
      protocol:
        xnli !== undefined
          ? { suite: 'xnli', name: xnli, languages }
          : libreoffice !== undefined
            ? { suite: 'libreoffice', name: libreoffice, languages }
            : undefined,
      xnliData:
        xnli === undefined
          ? undefined
          : { glueDir: values['glue-dir'], xnliDir: values['xnli-dir'], xnliMtDir: values['xnli-mt-dir'] },
      model: values.model,
      label: values.label,
      learningRates: decimals('lr', values.lr),
      batchSizes: integers('batch', values.batch, 1),
      seeds: integers('seeds', values.seeds, 0, MAX_SEED),
      epochs: count('epochs', values.epochs),
      maxTrain: values['max-train'] === undefined ? undefined : count('max-train', values['max-train']),
      maxEval: values['max-eval'] === undefined ? undefined : count('max-eval', values['max-eval']),
      testSplit: values['test-split'],
      patience: values.patience === undefined ? undefined : count('patience', values.patience),
      searchSeeds:
        values['search-seeds'] === undefined ? undefined : count('search-seeds', values['search-seeds']),
      reinitialise: values.reinitialise,
      saveTo: values['save-to'],
      out: resolve(values.out),
      append: true,
    },
    'flags',
  );
  if (!(await finetuneCell.run(args, { preset: 'cli', outputs: [args.out], resume: false, source: 'flags' })))
    process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
