import { Rng } from '@ksub/core';
import { type Progress } from '@ksub/core/node';
import { computeMetric, type Example, type MetricName } from '@ksub/evaluation';
import { MaskedLanguageModel, SequenceClassifier } from '@ksub/transformer';
import { AdamW } from '../adamw';
import { mixSeed } from '../pretrain/data-order';
import { trainStep } from '../pretrain/train-step';
import { linearWarmupDecay } from '../schedule';
import { collateSequences } from './encode-examples';
import type { RunKey } from './selection';
import { bestIndex, isNewBest, shouldStop } from './selection';

/** Global gradient-norm clip of every fine-tuning update (RoBERTa's fine-tuning). */
const FINETUNE_CLIP_NORM = 1;

/** Encoded examples of one scored split. */
export interface ScoredSet {
  /** Name the rows carry in their `task` column. */
  readonly name: string;
  readonly split: string;
  readonly metrics: readonly MetricName[];
  readonly ids: readonly Int32Array[];
  readonly gold: readonly number[];
}

/** What one run needs besides its learning rate, batch size and seed. */
export interface RunSetup {
  readonly trainIds: readonly Int32Array[];
  readonly trainExamples: readonly Example[];
  readonly pad: number;
  /** Maximum epochs. */
  readonly epochs: number;
  /** Early stopping: end the run when the selection score has not improved for this many epochs. */
  readonly patience?: number | undefined;
  readonly warmupRatio: number;
  readonly weightDecay: number;
  /** Scored after every epoch; the first one's first metric selects. */
  readonly evaluations: readonly ScoredSet[];
  /** Held-out sets: scored whenever the selection score improves, so only their scores and predictions at the best epoch are kept. */
  readonly tests: readonly ScoredSet[];
  readonly bar: Progress | null;
}

/** The scores of one epoch of a run. */
export interface EpochScores {
  readonly epoch: number;
  readonly steps: number;
  readonly wallSeconds: number;
  /** Per evaluation (setup order), per metric (the evaluation's order). */
  readonly scores: readonly (readonly number[])[];
}

/** Predictions on a scored set and its metrics (the set's order). */
export interface ScoredPredictions {
  readonly predictions: readonly number[];
  readonly scores: readonly number[];
}

/** What a run gives back: every epoch's scores, its best epoch, and the held-out predictions there. */
export interface RunOutcome {
  readonly epochs: readonly EpochScores[];
  /** 1-based epoch whose selection score was highest. */
  readonly bestEpoch: number;
  /** Each held-out set's predictions and scores at the best epoch (setup order). */
  readonly tests: readonly ScoredPredictions[];
  /** Each evaluation's predictions at the best epoch (setup order). */
  readonly evaluations: readonly (readonly number[])[];
}

/** Class indices (or regression scores) for every sequence, 64 at a time. */
function predictAll(classifier: SequenceClassifier, ids: readonly Int32Array[], pad: number): number[] {
  const predictions: number[] = [];
  for (let i = 0; i < ids.length; i += 64)
    predictions.push(...classifier.predict(collateSequences(ids.slice(i, i + 64), pad)));
  return predictions;
}

/**
 * Trains one run of a fine-tuning grid: AdamW, linear schedule with warmup over the maximum
 * epochs, gradient clipping; after every epoch the evaluations are scored (and the held-out sets,
 * when the selection score improved);
 * with `patience`, the run stops once its selection score is that many epochs past its best.
 * `onEpoch` receives each epoch's scores as they come (rows are appended there, so a crash loses
 * at most the epoch in progress).
 */
export async function trainRun(
  classifier: SequenceClassifier,
  setup: RunSetup,
  key: RunKey,
  onEpoch: (scores: EpochScores) => Promise<void>,
): Promise<RunOutcome> {
  const { lr, batch, seed } = key;
  const { trainIds, trainExamples, pad } = setup;
  const started = performance.now();
  const optimizer = new AdamW(classifier.trainableParameters(), { weightDecay: setup.weightDecay });
  const stepsPerEpoch = Math.ceil(trainIds.length / batch);
  const total = stepsPerEpoch * setup.epochs;
  const warmup = Math.round(setup.warmupRatio * total);
  const epochs: EpochScores[] = [];
  const selection: number[] = [];
  let tests: ScoredPredictions[] = [];
  let atBest: number[][] = [];
  let step = 0;
  try {
    for (let epoch = 1; epoch <= setup.epochs; epoch++) {
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
        setup.bar?.tick(1, { lr, batch, epoch });
      }
      const predicted = setup.evaluations.map((e) => predictAll(classifier, e.ids, pad));
      const scores = setup.evaluations.map((e, i) =>
        e.metrics.map((m) => computeMetric(m, predicted[i] as number[], e.gold)),
      );
      const scored: EpochScores = {
        epoch,
        steps: step,
        wallSeconds: (performance.now() - started) / 1000,
        scores,
      };
      epochs.push(scored);
      const score = (scores[0] as number[])[0] as number;
      // as bestIndex counts it (NaN never wins), so the kept predictions are the best epoch's
      const improved = isNewBest(selection, score);
      selection.push(score);
      if (improved || atBest.length === 0) atBest = predicted;
      if (improved || epoch === 1)
        tests = setup.tests.map(({ ids, gold, metrics }) => {
          const predictions = predictAll(classifier, ids, pad);
          return { predictions, scores: metrics.map((m) => computeMetric(m, predictions, gold)) };
        });
      await onEpoch(scored);
      if (setup.patience !== undefined && shouldStop(selection, setup.patience)) {
        // the bar counts the maximum epochs: skip what early stopping saves
        setup.bar?.tick((setup.epochs - epoch) * stepsPerEpoch, { lr, batch, epoch });
        break;
      }
    }
  } finally {
    optimizer.dispose();
  }
  const bestEpoch = bestIndex(selection) + 1;
  return { epochs, bestEpoch, evaluations: atBest, tests };
}

/**
 * The classifier a run trains: on the pretrained encoder, or — the no-pretraining control — on
 * the same architecture and embedding (same allocation) freshly initialised with `seed`.
 */
export function runClassifier(
  pretrained: MaskedLanguageModel,
  numLabels: number,
  seed: number,
  reinitialise: boolean,
): { classifier: SequenceClassifier; model: MaskedLanguageModel } {
  if (!reinitialise)
    return { classifier: SequenceClassifier.fromMaskedLm(pretrained, numLabels, seed), model: pretrained };
  const spec = pretrained.spec;
  if (spec === undefined)
    throw new Error('finetune: reinitialise needs a model built from an embedding spec (a saved ksub model)');
  const fresh = MaskedLanguageModel.fromSpec(pretrained.config, spec, mixSeed(seed, 77));
  return { classifier: SequenceClassifier.fromMaskedLm(fresh, numLabels, seed), model: fresh };
}
