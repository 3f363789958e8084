import { assert, assertInteger, describe } from '@ksub/core';
import { computeMetric } from '../metrics/compute-metric';
import type { Example } from '../tasks/task';
import { bagOfWordsFeatures, bagOfWordsVocabulary } from './bag-of-words';
import { fitLogisticRegression, predictLogisticRegression } from './logistic-regression';
import { checkProbeOptions } from './probe-options';

/** Metrics a classification baseline can be selected on. */
export type BaselineMetric = 'accuracy' | 'f1' | 'matthews';

/**
 * L2 strengths tried by default, half-decades strongest first (a tie goes to the stronger). The
 * offline suites' dev scores peak inside it: 3e-4 for uci-sentiment, 1e-4 for sms-spam.
 *
 * @example
 * ```ts
 * bagOfWordsBaseline({ train, dev, test, numLabels: 2, l2Grid: DEFAULT_L2_GRID.slice(0, 3) });
 * ```
 */
export const DEFAULT_L2_GRID: readonly number[] = Object.freeze([
  1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5,
]);

/** Inputs of {@link bagOfWordsBaseline}. */
export interface BagOfWordsBaselineOptions {
  /** Examples to fit on; they also define the vocabulary. */
  readonly train: readonly Example[];
  /** Examples the L2 strength is selected on. */
  readonly dev: readonly Example[];
  /** Examples to predict; their labels are not read. */
  readonly test: readonly Example[];
  /** Number of classes (at least 2); labels are in [0, numLabels). */
  readonly numLabels: number;
  /** Dev metric to select on (default accuracy; F1 and Matthews of class 1). */
  readonly metric?: BaselineMetric;
  /** L2 strengths to try, in order; the first of the best dev scores wins (default {@link DEFAULT_L2_GRID}). */
  readonly l2Grid?: readonly number[];
  /** Add word bigrams to the unigrams (default false). */
  readonly bigrams?: boolean;
  /** L-BFGS iterations per fit at most (default 500). */
  readonly maxIterations?: number;
}

/** What {@link bagOfWordsBaseline} chose and predicted. */
export interface BagOfWordsBaselineResult {
  /** The L2 strength of the best dev score. */
  readonly l2: number;
  /** Its dev score on the metric. */
  readonly devScore: number;
  /** Dev score of every L2 strength, in grid order. */
  readonly devScores: Float64Array;
  /** Class index for each test example, in test order, from the model with the chosen L2. */
  readonly predictions: Int32Array;
  /** Number of features (distinct train words, and bigrams if asked). */
  readonly vocabularySize: number;
}

function checkLabels(fn: string, name: string, examples: readonly Example[], k: number): void {
  examples.forEach((e, i) =>
    assert(
      Number.isSafeInteger(e.label) && e.label >= 0 && e.label < k,
      () => `${fn}: ${name}[${i}].label must be an integer in [0, ${k}); got ${describe(e.label)}`,
      RangeError,
    ),
  );
}

/**
 * The bag-of-words control: lowercased word unigrams (optionally bigrams) of the train split as
 * binary features, multinomial logistic regression with L2 fitted by full-batch L-BFGS, the L2
 * strength chosen on dev from a small grid, then the test split predicted. A fine-tuned model
 * should beat it; where it does not, the task measures word overlap more than the model.
 *
 * Hand-written rather than mljs's `ml-logistic-regression@2`: that package trains on dense
 * `ml-matrix` rows (2,100 × 4,198 for uci-sentiment, 99.7% zeros), one-vs-rest with a fixed
 * learning rate and step count, no L2 and no intercept; here one pass over the non-zeros per
 * gradient, a convex objective that L-BFGS solves to a tolerance, deterministic.
 *
 * @throws RangeError for an empty train or dev split, numLabels < 2, a train or dev label out of
 *   range, an empty grid or an L2 strength that is not positive; TypeError for an unknown metric
 * @example
 * ```ts
 * const train = [{ text: 'Great phone!', label: 1 }, { text: 'Awful phone.', label: 0 }];
 * const { l2, devScore, predictions } = bagOfWordsBaseline({
 *   train, dev: train, test: [{ text: 'great', label: 0 }, { text: 'so awful', label: 0 }], numLabels: 2,
 * });
 * // l2 0.1 (the first of the grid: all tie), devScore 1, predictions Int32Array [1, 0]
 * ```
 */
export function bagOfWordsBaseline(options: BagOfWordsBaselineOptions): BagOfWordsBaselineResult {
  const fn = 'bagOfWordsBaseline';
  const { train, dev, test, numLabels } = options;
  const metric = options.metric ?? 'accuracy';
  const grid = options.l2Grid ?? DEFAULT_L2_GRID;
  assertInteger(fn, 'numLabels', numLabels, { min: 2 });
  assert(train.length > 0, () => `${fn}: train must not be empty; got 0 examples`, RangeError);
  assert(dev.length > 0, () => `${fn}: dev must not be empty; got 0 examples`, RangeError);
  checkProbeOptions(fn, metric, grid);
  checkLabels(fn, 'train', train, numLabels);
  checkLabels(fn, 'dev', dev, numLabels);
  const features = { bigrams: options.bigrams ?? false };
  const vocabulary = bagOfWordsVocabulary(train, features);
  const xTrain = bagOfWordsFeatures(train, vocabulary, features);
  const xDev = bagOfWordsFeatures(dev, vocabulary, features);
  const trainLabels = Int32Array.from(train, (e) => e.label);
  const devGold = Int32Array.from(dev, (e) => e.label);
  const fit = {
    numLabels,
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
  };
  const devScores = new Float64Array(grid.length);
  let best = 0;
  let bestModel = null;
  for (const [i, l2] of grid.entries()) {
    const model = fitLogisticRegression(xTrain, trainLabels, { ...fit, l2 });
    devScores[i] = computeMetric(metric, predictLogisticRegression(model, xDev), devGold);
    if (bestModel === null || (devScores[i] as number) > (devScores[best] as number)) {
      best = i;
      bestModel = model;
    }
  }
  return {
    l2: grid[best] as number,
    devScore: devScores[best] as number,
    devScores,
    predictions: predictLogisticRegression(
      bestModel as NonNullable<typeof bestModel>,
      bagOfWordsFeatures(test, vocabulary, features),
    ),
    vocabularySize: vocabulary.size,
  };
}
