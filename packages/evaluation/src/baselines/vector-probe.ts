import { assert, assertInteger, describe } from '@ksub/core';
import { computeMetric } from '../metrics/compute-metric';
import { type BaselineMetric, DEFAULT_L2_GRID } from './bag-of-words-baseline';
import type { DenseRows } from './dense-rows';
import {
  fitLogisticRegression,
  type LogisticRegressionModel,
  predictLogisticRegression,
} from './logistic-regression';
import { applyStandardizer, fitStandardizer } from './standardize';
import { checkProbeOptions } from './probe-options';

/** One split of frozen sentence vectors: row i of `vectors` (length labels.length · dim) has label i. */
export interface VectorSplit {
  readonly vectors: Float32Array;
  readonly dim: number;
  readonly labels: Int32Array;
}

/** The three splits of {@link vectorProbe}. */
export interface VectorProbeSplits {
  /** Fitted on (and, with `standardize`, the only source of the column statistics). */
  readonly train: VectorSplit;
  /** The L2 strength is selected on it. */
  readonly dev: VectorSplit;
  /** Scored once, with the selected model. */
  readonly test: VectorSplit;
}

/** Options of {@link vectorProbe}. */
export interface VectorProbeOptions {
  /** Number of classes (at least 2); labels are in [0, numLabels). */
  readonly numLabels: number;
  /** L2 strengths to try (default {@link DEFAULT_L2_GRID}); the best dev score wins, a tie the stronger L2. */
  readonly l2Grid?: readonly number[];
  /** Metric to select on and report (default accuracy; F1 and Matthews of class 1). */
  readonly metric?: BaselineMetric;
  /**
   * Standardise every column to mean 0 and deviation 1 with statistics of train only, applied
   * unchanged to dev and test (default true). L2-normalised 512-d vectors have entries of about
   * 1/√512 ≈ 0.044, so on raw vectors the same λ regularises ~500× harder than on unit-scale
   * features and its meaning shifts with each encoder's anisotropy; standardised, the grid means
   * the same for every encoder and L-BFGS sees a better-conditioned problem. Set false to probe
   * the raw geometry.
   */
  readonly standardize?: boolean;
  /** L-BFGS iterations per fit at most (default 500). */
  readonly maxIterations?: number;
}

/** What {@link vectorProbe} chose and scored. */
export interface VectorProbeResult {
  /** The selected L2 strength. */
  readonly l2: number;
  /** Its dev score. */
  readonly devScore: number;
  /** Dev score of every L2 strength, in grid order. */
  readonly devScores: Float64Array;
  /** Test score of the selected model. */
  readonly testScore: number;
  /** Class index for each test row, in test order. */
  readonly predictions: Int32Array;
  /** 1 where the test prediction equals the label, else 0 (for paired tests between probes). */
  readonly correct: Uint8Array;
}

function checkSplit(fn: string, name: string, split: VectorSplit, dim: number, k: number): void {
  const { vectors, labels } = split;
  assert(
    split.dim === dim,
    () => `${fn}: ${name}.dim must equal train.dim (${dim}); got ${describe(split.dim)}`,
    RangeError,
  );
  assert(labels.length > 0, () => `${fn}: ${name} must not be empty; got 0 labels`, RangeError);
  assert(
    vectors.length === labels.length * dim,
    () =>
      `${fn}: ${name}.vectors.length must be labels.length · dim = ${labels.length * dim}; got ${vectors.length}`,
    RangeError,
  );
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    assert(
      label >= 0 && label < k,
      () => `${fn}: ${name}.labels[${i}] must be in [0, ${k}); got ${describe(label)}`,
      RangeError,
    );
  }
  for (let p = 0; p < vectors.length; p++)
    assert(
      Number.isFinite(vectors[p]),
      () =>
        `${fn}: ${name}.vectors[${p}] (row ${Math.floor(p / dim)}) must be finite; got ${describe(vectors[p])}`,
      RangeError,
    );
}

/**
 * A linear probe of frozen sentence vectors: multinomial logistic regression with L2 (full-batch
 * L-BFGS, dense kernel) fitted on train for each strength of a grid, the strength with the best dev
 * score kept (a tie goes to the stronger L2, whatever the grid order), and that model scored on
 * test. How well a linear classifier reads a task off an encoder's vectors, with test touched once.
 *
 * @throws RangeError for a dim that is not a positive integer or differs between splits, an empty
 *   split, vectors not labels.length · dim long or holding a non-finite value, numLabels < 2, a
 *   label out of range, an empty grid or an L2 strength that is not positive; TypeError for an
 *   unknown metric
 * @example
 * ```ts
 * const split = { vectors: Float32Array.of(1, 0, 0, 1), dim: 2, labels: Int32Array.of(0, 1) };
 * const r = vectorProbe({ train: split, dev: split, test: split }, { numLabels: 2 });
 * // r.l2 0.1 (all tie: the strongest), r.testScore 1, r.predictions Int32Array [0, 1], r.correct [1, 1]
 * ```
 */
export function vectorProbe(splits: VectorProbeSplits, options: VectorProbeOptions): VectorProbeResult {
  const fn = 'vectorProbe';
  const { train, dev, test } = splits;
  const { numLabels } = options;
  const metric = options.metric ?? 'accuracy';
  const grid = options.l2Grid ?? DEFAULT_L2_GRID;
  assertInteger(fn, 'numLabels', numLabels, { min: 2 });
  assertInteger(fn, 'train.dim', train.dim, { min: 1 });
  checkProbeOptions(fn, metric, grid);
  checkSplit(fn, 'train', train, train.dim, numLabels);
  checkSplit(fn, 'dev', dev, train.dim, numLabels);
  checkSplit(fn, 'test', test, train.dim, numLabels);
  const rows = (s: VectorSplit): DenseRows => ({ data: s.vectors, rows: s.labels.length, cols: s.dim });
  let [xTrain, xDev, xTest] = [rows(train), rows(dev), rows(test)];
  if (options.standardize ?? true) {
    const s = fitStandardizer(xTrain);
    [xTrain, xDev, xTest] = [
      applyStandardizer(xTrain, s),
      applyStandardizer(xDev, s),
      applyStandardizer(xTest, s),
    ];
  }
  const fit = {
    numLabels,
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
  };
  const devScores = new Float64Array(grid.length);
  let best = 0;
  let bestModel: LogisticRegressionModel | null = null;
  for (const [i, l2] of grid.entries()) {
    const model = fitLogisticRegression(xTrain, train.labels, { ...fit, l2 });
    const score = computeMetric(metric, predictLogisticRegression(model, xDev), dev.labels);
    devScores[i] = score;
    const top = devScores[best] as number;
    if (bestModel === null || score > top || (score === top && l2 > (grid[best] as number))) {
      best = i;
      bestModel = model;
    }
  }
  const predictions = predictLogisticRegression(bestModel as LogisticRegressionModel, xTest);
  const correct = Uint8Array.from(predictions, (p, i) => (p === test.labels[i] ? 1 : 0));
  return {
    l2: grid[best] as number,
    devScore: devScores[best] as number,
    devScores,
    testScore: computeMetric(metric, predictions, test.labels),
    predictions,
    correct,
  };
}
