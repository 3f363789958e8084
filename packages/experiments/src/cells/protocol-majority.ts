import { computeMetric, type Example, loadNonEmpty, majorityClass, type MetricName } from '@ksub/evaluation';
import {
  appendPredictions,
  appendResults,
  type Evaluation,
  evaluationSample,
  examplesFingerprint,
  predictionsPathFor,
  type ResultRow,
  type RunPredictions,
  trainingSample,
} from '@ksub/training';
import { controlRow } from './control-row';
import type { FinetuneSetup } from './finetune-setup';

/** Options of {@link protocolMajority}: the samples the protocol's models saw, and where rows go. */
export interface ProtocolMajorityOptions {
  /** The models' cap on training examples (the same seeded sample). */
  readonly maxTrain?: number | undefined;
  /** The models' cap on examples per evaluation (the same seeded sample, so predictions pair). */
  readonly maxEval?: number | undefined;
  /** Results CSV (written, not appended to: the caller removes an earlier one); predictions beside it. */
  readonly out: string;
}

/**
 * The majority-class control of a multilingual protocol (Table 4): the class most frequent among
 * the training examples the protocol's models are fine-tuned on (the same `maxTrain` sample),
 * predicted for every example of the selection dev split and of each language's held-out split
 * (the same `maxEval` samples). Writes rows in the fine-tuning CSV format — model `majority`, lr,
 * batch and seed 0 (no grid, deterministic) — and the held-out predictions beside them, so that
 * Table 4 pairs the control with the models per language. Resolves a one-line summary.
 *
 * @throws FormatError (from `loadNonEmpty`) for a split with no usable example
 * @example
 * ```ts
 * const setup = await finetuneSetup({ protocol: { suite: 'libreoffice', name: 'cross-lingual' } });
 * if (setup !== undefined) await protocolMajority(setup, { maxEval: 500, out: 'ml-baselines-cross-lingual.csv' });
 * ```
 */
export async function protocolMajority(
  setup: FinetuneSetup,
  options: ProtocolMajorityOptions,
): Promise<string> {
  const fn = 'baseline';
  const train = await loadNonEmpty(fn, setup.task, setup.trainSplit ?? 'train');
  const majority = majorityClass(trainingSample(train.examples, options.maxTrain).map((e) => e.label));
  const base = controlRow('majority');
  const scoreOf = async (e: Evaluation) => {
    const loaded = await loadNonEmpty(fn, e.task, e.split);
    const examples: readonly Example[] = evaluationSample(loaded.examples, options.maxEval);
    const gold = examples.map((x) => x.label);
    const predictions = gold.map(() => majority);
    const metrics = e.task.metrics as readonly MetricName[];
    const rows: ResultRow[] = metrics.map((metric) => ({
      ...base,
      task: e.name,
      split: e.split,
      metric,
      value: computeMetric(metric, predictions, gold),
    }));
    return { e, rows, examples, gold, predictions };
  };
  const selection = setup.evaluations?.[0];
  const dev = selection === undefined ? undefined : await scoreOf(selection);
  const tests = [];
  for (const t of setup.tests ?? []) tests.push(await scoreOf(t));
  const devScore = dev?.rows[0]?.value ?? Number.NaN;
  await appendResults(options.out, [...(dev?.rows ?? []), ...tests.flatMap((t) => t.rows)]);
  await appendPredictions(
    predictionsPathFor(options.out),
    tests.map((t): RunPredictions => ({
      model: base.model,
      lr: base.lr,
      batch: base.batch,
      seed: base.seed,
      epoch: base.epoch,
      task: t.e.name,
      dev: devScore,
      split: t.e.split,
      examples: examplesFingerprint(t.examples),
      gold: t.gold,
      predictions: t.predictions,
    })),
  );
  const label = setup.task.labels[majority] ?? String(majority);
  const scores = tests.map((t) => `${t.e.name} ${(100 * (t.rows[0]?.value ?? Number.NaN)).toFixed(1)}`);
  return `majority class ${label} (of ${setup.task.name}'s training examples): ${scores.join(', ')}`;
}
