import { type EmbeddingMatrix } from '@ksub/core';
import {
  bootstrapInterval,
  computeMetric,
  meanInterval,
  pairedAucDifference,
  rocAucInterval,
  rowCosines,
  vectorProbe,
} from '@ksub/evaluation';
import type { ModelVectors } from './model-vectors';
import type { UseLiteData } from './use-lite-data';
import type { Interval, ProbeResult } from './use-lite-record';
import { pairedMetricDelta, toInterval } from './use-lite-compare';

const DIM = 512;

/**
 * L2 strengths the probes try (on standardised sentence vectors; bag-of-words' grid is tuned for
 * sparse counts and runs 9 fits): four decades, the chosen one recorded per row.
 */
export const PROBE_L2_GRID: readonly number[] = Object.freeze([1e-3, 1e-2, 1e-1, 1]);

/** What a model's scoring keeps for pairing later models with it: test predictions and pair cosines. */
export interface ScoredOutputs {
  readonly probes: readonly ProbeResult[];
  /** Per probe task, the test predictions. */
  readonly predictions: readonly Int32Array[];
  /** Cosine of each paraphrase pair's two sentence vectors. */
  readonly pairScores?: Float64Array;
  readonly paraphrase?: { readonly auc: Interval; readonly delta?: Interval };
}

const interval = toInterval;

function metricOn(
  metric: 'accuracy' | 'f1',
  predictions: Int32Array,
  gold: Int32Array,
  idx: Int32Array,
): number {
  const p = Array.from(idx, (i) => predictions[i] as number);
  const g = Array.from(idx, (i) => gold[i] as number);
  return computeMetric(metric, p, g);
}

/**
 * Probes and paraphrase ranking of one model's vectors: a logistic-regression probe per task (L2
 * chosen on dev, test scored with a percentile bootstrap over the test examples) and the AUC of
 * pair cosines; with `reference` (the uncompressed model's outputs), each also gets its paired
 * difference to the reference over the same examples.
 */
export function scoreOutputs(
  data: UseLiteData,
  vectors: ModelVectors,
  reference?: ScoredOutputs,
): ScoredOutputs {
  const probes: ProbeResult[] = [];
  const predictions: Int32Array[] = [];
  data.probes.forEach((task, t) => {
    const v = vectors.probes[t] as ModelVectors['probes'][number];
    const probe = vectorProbe(
      {
        train: { vectors: v.train, dim: DIM, labels: task.splits.train.labels },
        dev: { vectors: v.dev, dim: DIM, labels: task.splits.dev.labels },
        test: { vectors: v.test, dim: DIM, labels: task.splits.test.labels },
      },
      { numLabels: task.numLabels, metric: task.metric, l2Grid: PROBE_L2_GRID },
    );
    const gold = task.splits.test.labels;
    const n = gold.length;
    const test = bootstrapInterval(n, (idx) => metricOn(task.metric, probe.predictions, gold, idx));
    const ref = reference?.predictions[t];
    const delta = ref ? pairedMetricDelta(task.metric, gold, ref, probe.predictions) : undefined;
    predictions.push(probe.predictions);
    probes.push({
      task: task.task,
      metric: task.metric,
      l2: probe.l2,
      dev: probe.devScore,
      test: interval(test),
      ...(delta ? { delta: interval(delta) } : {}),
    });
  });
  if (!data.pairs || !vectors.pairs) return { probes, predictions };
  const pairScores = rowCosines(vectors.pairs.first, vectors.pairs.second, DIM);
  const auc = rocAucInterval(pairScores, data.pairs.labels);
  const delta =
    reference?.pairScores === undefined
      ? undefined
      : pairedAucDifference(reference.pairScores, pairScores, data.pairs.labels);
  return {
    probes,
    predictions,
    pairScores,
    paraphrase: { auc: interval(auc), ...(delta ? { delta: interval(delta) } : {}) },
  };
}

/**
 * How close a compressed table and its model stay to the original: mean row cosine of the tables
 * over all N rows (a row with a zero norm on either side — USE-lite has two — counts as cosine 0,
 * as in `compressionReport`), relative Frobenius error, and mean cosine between the two models'
 * vectors of the same sentences, each mean with a t-interval.
 */
export function closeness(
  original: EmbeddingMatrix,
  compressed: EmbeddingMatrix,
  originalSentences: Float32Array,
  compressedSentences: Float32Array,
): { tableCosine: Interval; relativeError: number; sentenceCosine: Interval } {
  const cos = rowCosines(original.data, compressed.data, original.cols);
  const table = meanInterval(Array.from(cos));
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < original.data.length; i++) {
    const a = original.data[i] as number;
    const d = a - (compressed.data[i] as number);
    diff += d * d;
    norm += a * a;
  }
  const sentences = meanInterval(Array.from(rowCosines(originalSentences, compressedSentences, DIM)));
  return {
    tableCosine: { estimate: table.mean, low: table.low, high: table.high },
    relativeError: Math.sqrt(diff / norm),
    sentenceCosine: { estimate: sentences.mean, low: sentences.low, high: sentences.high },
  };
}
