import { assert, assertInteger, createProgress, describe, lockBeside, MAX_SEED, Rng } from '@ksub/core';
import {
  computeMetric,
  type Example,
  type LoadedSplit,
  loadNonEmpty,
  type SkippedRow,
  type Task,
} from '@ksub/evaluation';
import { getTokenizer } from '@ksub/tokenizers';
import {
  assertModelDestination,
  loadMaskedLm,
  type MaskedLanguageModel,
  saveMaskedLm,
  SequenceClassifier,
} from '@ksub/transformer';
import { AdamW } from '../adamw';
import { linearWarmupDecay } from '../schedule';
import { mixSeed } from '../pretrain/data-order';
import { trainStep } from '../pretrain/train-step';
import { collateSequences, encodeExamples } from './encode-examples';
import { modelTokenizer } from './model-tokenizer';
import { appendResults, readResults, type ResultRow } from './results-csv';

/** A fine-tuning grid: the paper's protocol (best dev score over learning rate × batch size). */
export interface FinetuneConfig {
  /** Directory of a pretrained masked LM (`saveMaskedLm`), e.g. `runs/pretrain-mini-full/model`. */
  readonly model: string;
  /** Label of the model in the results (default: the directory). */
  readonly modelLabel?: string;
  readonly task: Task;
  /**
   * Tokenizer registry name (default: the one the model's directory records, else `roberta-gpt2`,
   * for a model saved before tokenizers were recorded). When the model records one, it must be it.
   */
  readonly tokenizer?: string;
  readonly learningRates: readonly number[];
  readonly batchSizes: readonly number[];
  /** Seeds per grid cell (default [1]). */
  readonly seeds?: readonly number[];
  /** Default 3. */
  readonly epochs?: number;
  /** Share of updates spent warming up (default 0.06, as RoBERTa). */
  readonly warmupRatio?: number;
  /** Default 0.1 (RoBERTa's fine-tuning). */
  readonly weightDecay?: number;
  /** Longest input in tokens, special tokens included (default 128). */
  readonly maxLength?: number;
  /** Split to train on (default `train`) and to score (default the first other split). */
  readonly trainSplit?: string;
  readonly evalSplit?: string;
  /**
   * What to score after each epoch (default: the task's eval split). The first evaluation picks
   * the best cell; the others are reported beside it (e.g. XNLI per language after training on
   * MNLI). Each gets its own rows, under its name.
   */
  readonly evaluations?: readonly Evaluation[];
  /**
   * Save the fine-tuned encoder here, in the masked-LM layout, so another task can start from it
   * (the paper starts RTE, STS-B and MRPC from the MNLI-fine-tuned model): the final-epoch encoder
   * of the cell whose final-epoch score (first evaluation, first metric) is best. The directory is
   * locked for the run (`lockRunDirectory`): a second run into it fails at once.
   */
  readonly saveTo?: string;
  /** Use only the first N training examples (after a seeded shuffle) — for CI-sized runs. */
  readonly maxTrainExamples?: number;
  /** Score only N examples of each evaluation (a seeded sample, the same for every cell) — for CI- and mini-sized runs. */
  readonly maxEvalExamples?: number;
  /** Results CSV the rows are appended to. */
  readonly resultsCsv: string;
  /** Show a progress bar (default true). */
  readonly progress?: boolean;
}

/** A split of a task scored after each epoch, reported under `name`. */
export interface Evaluation {
  readonly name: string;
  readonly task: Task;
  readonly split: string;
}

/** Global gradient-norm clip of every fine-tuning update (RoBERTa's fine-tuning). */
const FINETUNE_CLIP_NORM = 1;

/** The best grid cell by the task's first metric. */
export interface FinetuneResult {
  readonly rows: readonly ResultRow[];
  readonly best: ResultRow;
  /** Rows the task's loader skipped in the two splits, with file, line and reason. */
  readonly skipped: readonly SkippedRow[];
}

function embeddingColumns(model: MaskedLanguageModel): Pick<ResultRow, 'embedding' | 'k' | 'rows'> {
  const spec = model.spec;
  if (spec?.kind === 'ksub')
    return { embedding: 'ksub', k: spec.allocation.numTables, rows: Math.max(...spec.allocation.rows) };
  if (spec?.kind === 'factorized') return { embedding: 'factorized', k: '', rows: spec.rank };
  return { embedding: spec?.kind ?? model.embedding.kind, k: '', rows: model.config.vocabSize };
}

/**
 * Fine-tunes a pretrained model on a task over a learning-rate × batch-size × seed grid, each cell
 * from the same pretrained weights: RoBERTa's classification (or regression) head, AdamW, linear
 * schedule with warmup, inputs truncated to maxLength; after every epoch the dev split is scored
 * with each of the task's metrics and the rows appended atomically to the results CSV (task, model,
 * embedding kind, k, rows, lr, batch, seed, epoch, metric, value, steps, wall time). Returns the
 * best cell by the task's first metric, as the paper reports.
 *
 * Before anything is trained or written it checks the grid, reads the results CSV (a directory or
 * a file with another header is an error now, not after an epoch), loads every split — one with no
 * usable example is an error listing its skipped rows — and locks `saveTo`.
 *
 * @throws RangeError naming the field for an empty grid, a batch size or epoch count that is not a
 *   positive integer, or a task without the splits; FormatError for a split with no usable
 *   example; LockedError naming the holder when another run holds `saveTo`.
 * @example
 * ```ts
 * const { best } = await finetune({ model: 'runs/pretrain-mini-full/model', task: getTask('rte'),
 *   learningRates: [1e-4], batchSizes: [16], resultsCsv: 'docs/results/finetune.csv' });
 * ```
 */
export async function finetune(config: FinetuneConfig): Promise<FinetuneResult> {
  const fn = 'finetune';
  const { task } = config;
  assert(
    config.learningRates.length > 0 && config.batchSizes.length > 0,
    () => `${fn}: learningRates and batchSizes must be non-empty`,
    RangeError,
  );
  for (const lr of config.learningRates)
    assert(
      Number.isFinite(lr) && lr > 0,
      () => `${fn}: learningRates must be positive numbers; got ${describe(lr)}`,
      RangeError,
    );
  for (const batch of config.batchSizes) assertInteger(fn, 'batchSizes', batch, { min: 1 });
  for (const seed of config.seeds ?? []) assertInteger(fn, 'seeds', seed, { min: 0, max: MAX_SEED });
  for (const key of ['epochs', 'maxTrainExamples', 'maxEvalExamples', 'maxLength'] as const)
    if (config[key] !== undefined) assertInteger(fn, key, config[key], { min: 1 });
  const trainSplit = config.trainSplit ?? 'train';
  const evalSplit = config.evalSplit ?? task.splits.find((s) => s !== trainSplit);
  assert(
    task.splits.includes(trainSplit) && evalSplit !== undefined && task.splits.includes(evalSplit),
    () =>
      `${fn}: task ${task.name} has splits ${describe(task.splits)}; need ${trainSplit} and ${describe(evalSplit)}`,
    RangeError,
  );
  const evaluations = config.evaluations ?? [{ name: task.name, task, split: evalSplit as string }];
  assert(evaluations.length > 0, () => `${fn}: evaluations must not be empty`, RangeError);
  await readResults(config.resultsCsv);
  const train = await loadNonEmpty(fn, task, trainSplit);
  const loaded: LoadedSplit[] = [];
  for (const evaluation of evaluations)
    loaded.push(await loadNonEmpty(fn, evaluation.task, evaluation.split));
  // the saved model replaces its directory whole, so the lock sits beside it, as a corpus's does
  const lock = config.saveTo === undefined ? null : await lockBeside(config.saveTo, 'finetune');
  // refuse a destination that is not a saved model now, not after the training
  if (config.saveTo !== undefined)
    await assertModelDestination(config.saveTo, fn).catch(async (error: unknown) => {
      await lock?.release();
      throw error;
    });
  try {
    return await trainGrid(
      config,
      train,
      evaluations.map((evaluation, i) => ({ evaluation, loaded: loaded[i] as LoadedSplit })),
    );
  } finally {
    await lock?.release();
  }
}

/** The grid itself, on splits already loaded and checked. */
async function trainGrid(
  config: FinetuneConfig,
  train: LoadedSplit,
  evaluations: readonly { evaluation: Evaluation; loaded: LoadedSplit }[],
): Promise<FinetuneResult> {
  const { task } = config;
  const epochs = config.epochs ?? 3;
  const maxLength = config.maxLength ?? 128;
  const seeds = config.seeds ?? [1];
  const tokenizerName = await modelTokenizer(config.model, config.tokenizer);
  const tokenizer = await getTokenizer(tokenizerName);
  let trainExamples: readonly Example[] = train.examples;
  if (config.maxTrainExamples !== undefined)
    trainExamples = Rng.fromSeed(7)
      .shuffle([...trainExamples])
      .slice(0, config.maxTrainExamples);
  const trainIds = encodeExamples(trainExamples, tokenizer, maxLength);
  const skipped: SkippedRow[] = [...train.skipped];
  const scored = [];
  for (const { evaluation, loaded } of evaluations) {
    skipped.push(...loaded.skipped);
    let examples: readonly Example[] = loaded.examples;
    if (config.maxEvalExamples !== undefined && examples.length > config.maxEvalExamples)
      examples = Rng.fromSeed(11)
        .shuffle([...examples])
        .slice(0, config.maxEvalExamples);
    scored.push({
      evaluation,
      ids: encodeExamples(examples, tokenizer, maxLength),
      gold: examples.map((e) => e.label),
    });
  }
  const numLabels = task.kind === 'regression' ? 1 : task.labels.length;
  const pad = tokenizer.specialIds.pad;
  const cells = config.learningRates.flatMap((lr) =>
    config.batchSizes.flatMap((batch) => seeds.map((seed) => ({ lr, batch, seed }))),
  );
  const totalSteps = cells.reduce((sum, c) => sum + Math.ceil(trainIds.length / c.batch) * epochs, 0);
  const bar =
    config.progress === false
      ? null
      : createProgress({ label: `finetune ${task.name}`, total: totalSteps, unit: 'steps' });
  const rows: ResultRow[] = [];
  let bestSaved = -Infinity;
  const primaryMetric = (evaluations[0] as { evaluation: Evaluation }).evaluation.task.metrics[0];
  for (const { lr, batch, seed } of cells) {
    const started = performance.now();
    const model = await loadMaskedLm(config.model);
    const classifier = SequenceClassifier.fromMaskedLm(model, numLabels, seed);
    const params = classifier.trainableParameters();
    const optimizer = new AdamW(params, { weightDecay: config.weightDecay ?? 0.1 });
    const stepsPerEpoch = Math.ceil(trainIds.length / batch);
    const total = stepsPerEpoch * epochs;
    const warmup = Math.round((config.warmupRatio ?? 0.06) * total);
    let step = 0;
    try {
      for (let epoch = 1; epoch <= epochs; epoch++) {
        const order = Rng.fromSeed(mixSeed(seed, epoch)).permutation(trainIds.length);
        for (let s = 0; s < stepsPerEpoch; s++) {
          const idx = Array.from(order.subarray(s * batch, (s + 1) * batch));
          const input = collateSequences(
            idx.map((i) => trainIds[i] as Int32Array),
            pad,
          );
          const labels = idx.map((i) => (trainExamples[i] as Example).label);
          step++;
          const dropoutSeed = mixSeed(seed, 1_000 + step);
          await trainStep(
            () => classifier.loss(input, labels, { training: true, seed: dropoutSeed }),
            optimizer,
            {
              lr: linearWarmupDecay(lr, warmup, total, step),
              clipNorm: FINETUNE_CLIP_NORM,
            },
          );
          bar?.tick(1, { lr, batch, epoch });
        }
        const wallSeconds = (performance.now() - started) / 1000;
        const epochRows: ResultRow[] = [];
        for (const { evaluation, ids, gold } of scored) {
          const predictions: number[] = [];
          for (let i = 0; i < ids.length; i += 64)
            predictions.push(...classifier.predict(collateSequences(ids.slice(i, i + 64), pad)));
          const base = {
            task: evaluation.name,
            model: config.modelLabel ?? config.model,
            ...embeddingColumns(model),
            lr,
            batch,
            seed,
            epoch,
            steps: step,
            wallSeconds,
          };
          for (const metric of evaluation.task.metrics)
            epochRows.push({ ...base, metric, value: computeMetric(metric, predictions, gold) });
        }
        await appendResults(config.resultsCsv, epochRows);
        rows.push(...epochRows);
        const selection = epochRows[0] as ResultRow; // first evaluation, its first metric
        if (config.saveTo !== undefined && epoch === epochs && selection.value > bestSaved) {
          bestSaved = selection.value;
          await saveMaskedLm(config.saveTo, model, { tokenizer: tokenizerName });
        }
      }
    } finally {
      optimizer.dispose();
      classifier.dispose();
      model.dispose();
    }
  }
  bar?.stop();
  const first = (evaluations[0] as { evaluation: Evaluation }).evaluation.name;
  const primary = rows.filter((r) => r.task === first && r.metric === primaryMetric);
  const best = primary.reduce((a, b) => (b.value > a.value ? b : a));
  return { rows, best, skipped };
}
