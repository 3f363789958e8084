import { assert, assertInteger, describe, MAX_SEED } from '@ksub/core';
import { createProgress, lockBeside } from '@ksub/core/node';
import { type Example, type LoadedSplit, loadNonEmpty, type SkippedRow, type Task } from '@ksub/evaluation';
import { getTokenizer } from '@ksub/tokenizers';
import { type MaskedLanguageModel } from '@ksub/transformer';
import { assertModelDestination, loadMaskedLm, saveMaskedLm } from '@ksub/transformer/node';
import { encodeExamples } from './encode-examples';
import type { Evaluation, FinetuneConfig, FinetuneResult } from './finetune-config';
import { modelTokenizer } from './model-tokenizer';
import { appendPredictions, examplesFingerprint, predictionsPathFor } from './predictions-file';
import { appendResults, readResults, type ResultRow } from './results-csv';
import { finishedSteps, keepFinishedRuns, runId } from './resume-runs';
import { evaluationSample, trainingSample } from './sample-examples';
import { type RunKey, selectConfiguration } from './selection';
import { type EpochScores, type RunSetup, runClassifier, type ScoredSet, trainRun } from './train-run';

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
  for (const key of ['epochs', 'maxTrainExamples', 'maxEvalExamples', 'maxLength', 'patience'] as const)
    if (config[key] !== undefined) assertInteger(fn, key, config[key], { min: 1 });
  if (config.searchSeeds !== undefined)
    assertInteger(fn, 'searchSeeds', config.searchSeeds, { min: 1, max: (config.seeds ?? [1]).length });
  assert(
    config.testSplit === undefined || config.tests === undefined,
    () =>
      `${fn}: give testSplit or tests, not both; got testSplit ${describe(config.testSplit)} and ${config.tests?.length} tests`,
    RangeError,
  );
  assert(
    config.testSplit === undefined ||
      (task.splits.includes(config.testSplit) && config.testSplit !== trainSplitOf(config)),
    () =>
      `${fn}: testSplit must be a split of task ${task.name} (${describe(task.splits)}) other than the training split; got ${describe(config.testSplit)}`,
    RangeError,
  );
  const trainSplit = trainSplitOf(config);
  const evalSplit = config.evalSplit ?? task.splits.find((s) => s !== trainSplit && s !== config.testSplit);
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
  const tests =
    config.tests ??
    (config.testSplit === undefined ? [] : [{ name: task.name, task, split: config.testSplit }]);
  const loadedTests: LoadedSplit[] = [];
  for (const t of tests) loadedTests.push(await loadNonEmpty(fn, t.task, t.split));
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
      tests.map((evaluation, i) => ({ evaluation, loaded: loadedTests[i] as LoadedSplit })),
    );
  } finally {
    await lock?.release();
  }
}

const trainSplitOf = (config: FinetuneConfig): string => config.trainSplit ?? 'train';

/** The grid itself, on splits already loaded and checked. */
async function trainGrid(
  config: FinetuneConfig,
  train: LoadedSplit,
  evaluations: readonly { evaluation: Evaluation; loaded: LoadedSplit }[],
  tests: readonly { evaluation: Evaluation; loaded: LoadedSplit }[],
): Promise<FinetuneResult> {
  const { task } = config;
  const epochs = config.epochs ?? 3;
  const maxLength = config.maxLength ?? 128;
  const seeds = config.seeds ?? [1];
  const searchSeeds = seeds.slice(0, config.searchSeeds ?? seeds.length);
  const tokenizerName = await modelTokenizer(config.model, config.tokenizer);
  const tokenizer = await getTokenizer(tokenizerName);
  const trainExamples = trainingSample(train.examples, config.maxTrainExamples);
  const skipped: SkippedRow[] = [...train.skipped];
  const sample = (examples: readonly Example[]) => evaluationSample(examples, config.maxEvalExamples);
  const scoredSet = (name: string, split: string, t: Task, examples: readonly Example[]) => ({
    name,
    split,
    metrics: t.metrics,
    ids: encodeExamples(examples, tokenizer, maxLength),
    gold: examples.map((e) => e.label),
    fingerprint: examplesFingerprint(examples),
  });
  const scoredOf = ({ evaluation, loaded }: { evaluation: Evaluation; loaded: LoadedSplit }) => {
    skipped.push(...loaded.skipped);
    return scoredSet(evaluation.name, evaluation.split, evaluation.task, sample(loaded.examples));
  };
  const scored = evaluations.map(scoredOf);
  const heldOut = tests.map(scoredOf);
  const numLabels = task.kind === 'regression' ? 1 : task.labels.length;
  const searchCells = config.learningRates.flatMap((lr) =>
    config.batchSizes.flatMap((batch) => searchSeeds.map((seed) => ({ lr, batch, seed }))),
  );
  const trainIds = encodeExamples(trainExamples, tokenizer, maxLength);
  const later = seeds.length - searchSeeds.length;
  const maxSteps = (batch: number) => Math.ceil(trainIds.length / batch) * epochs;
  const totalSteps =
    searchCells.reduce((sum, c) => sum + maxSteps(c.batch), 0) +
    later * maxSteps(Math.max(...config.batchSizes));
  const rows: ResultRow[] = [];
  const predictionsFile = config.predictionsFile ?? predictionsPathFor(config.resultsCsv);
  const finished = config.resume
    ? await keepFinishedRuns(config.resultsCsv, predictionsFile, (scored[0] as ScoredSet).name)
    : undefined;
  const bar =
    config.progress === false
      ? null
      : createProgress({
          label: `finetune ${task.name}`,
          total: totalSteps,
          unit: 'steps',
          // a resumed grid's bar starts after its finished runs: rate and ETA count this run only
          initial: Math.min(totalSteps, finishedSteps(finished?.predictions ?? [], maxSteps)),
        });
  if (finished !== undefined) rows.push(...finished.rows);
  const setup: RunSetup = {
    trainIds,
    trainExamples,
    pad: tokenizer.specialIds.pad,
    epochs,
    patience: config.patience,
    warmupRatio: config.warmupRatio ?? 0.06,
    weightDecay: config.weightDecay ?? 0.1,
    evaluations: scored,
    tests: heldOut,
    bar,
  };
  let bestSaved = -Infinity;
  const runCell = async (key: RunKey): Promise<void> => {
    if (finished?.keys.has(runId(key))) return;
    const pretrained = await loadMaskedLm(config.model);
    const { classifier, model } = runClassifier(
      pretrained,
      numLabels,
      key.seed,
      config.reinitialise ?? false,
    );
    const base = {
      model: config.modelLabel ?? config.model,
      ...embeddingColumns(pretrained),
      ...key,
    };
    try {
      const outcome = await trainRun(classifier, setup, key, async (e) => {
        const epochRows = scored.flatMap((s, i) =>
          s.metrics.map((metric, m) => ({
            ...base,
            task: s.name,
            split: s.split,
            epoch: e.epoch,
            metric,
            value: (e.scores[i] as number[])[m] as number,
            steps: e.steps,
            wallSeconds: e.wallSeconds,
          })),
        );
        await appendResults(config.resultsCsv, epochRows);
        rows.push(...epochRows);
        const selection = (epochRows[0] as ResultRow).value;
        if (config.saveTo !== undefined && e.epoch === epochs && selection > bestSaved) {
          bestSaved = selection;
          await saveMaskedLm(config.saveTo, model, { tokenizer: tokenizerName });
        }
      });
      const best = outcome.epochs[outcome.bestEpoch - 1] as EpochScores;
      const record = {
        model: base.model,
        ...key,
        epoch: outcome.bestEpoch,
        dev: (best.scores[0] as number[])[0] as number,
      };
      // the held-out rows at the best dev epoch, then every evaluation's and held-out split's
      // predictions there (paired comparisons per language) — last, in one append, since they mark
      // the run finished for a resumed grid
      const testRows = heldOut.flatMap((t, i) =>
        t.metrics.map((metric, m) => ({
          ...base,
          task: t.name,
          split: t.split,
          epoch: outcome.bestEpoch,
          metric,
          value: outcome.tests[i]?.scores[m] as number,
          steps: best.steps,
          wallSeconds: (outcome.epochs.at(-1) as EpochScores).wallSeconds,
        })),
      );
      if (testRows.length > 0) await appendResults(config.resultsCsv, testRows);
      rows.push(...testRows);
      const predicted = (s: ScoredSet & { fingerprint: string }, predictions: readonly number[]) => ({
        ...record,
        task: s.name,
        split: s.split,
        examples: s.fingerprint,
        gold: [...s.gold],
        predictions: [...predictions],
      });
      await appendPredictions(predictionsFile, [
        ...scored.map((s, i) => predicted(s, outcome.evaluations[i] ?? [])),
        ...heldOut.map((t, i) => predicted(t, outcome.tests[i]?.predictions ?? [])),
      ]);
    } finally {
      classifier.dispose();
      if (model !== pretrained) model.dispose();
      pretrained.dispose();
    }
  };
  for (const cell of searchCells) await runCell(cell);
  const first = scored[0] as ScoredSet;
  const primaryMetric = first.metrics[0] as string;
  let selection = selectConfiguration(rows, first.name, primaryMetric, first.split);
  for (const seed of seeds.slice(searchSeeds.length))
    await runCell({ lr: selection.lr, batch: selection.batch, seed });
  selection = selectConfiguration(rows, first.name, primaryMetric, first.split);
  bar?.stop();
  const primary = rows.filter(
    (r) => r.task === first.name && r.metric === primaryMetric && r.split === first.split,
  );
  const best = primary.reduce((a, b) => (b.value > a.value ? b : a));
  return { rows, best, selection, skipped };
}
