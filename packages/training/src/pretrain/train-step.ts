import * as tf from '@tensorflow/tfjs-core';
import { withDefaults } from '@ksub/core';
import type { MaskedLanguageModel, MlmInput } from '@ksub/transformer';
import type { AdamW } from '../adamw';
import { clipByGlobalNorm } from '../clip-gradients';

/** What one update reports. */
export interface StepResult {
  readonly loss: number;
  /** Global gradient norm before clipping. */
  readonly gradNorm: number;
}

/** Options of {@link trainStep}. */
export interface TrainStepOptions {
  /** Learning rate of this update. */
  readonly lr: number;
  /** Global gradient-norm clip; 0 = off (default 0). */
  readonly clipNorm?: number;
}

/** Defaults of {@link TrainStepOptions}. */
export const TRAIN_STEP_DEFAULTS: Readonly<Required<Omit<TrainStepOptions, 'lr'>>> = Object.freeze({
  clipNorm: 0,
});

/**
 * One update of any model: the loss and the gradients of every parameter of `optimizer` (in its
 * order), global-norm clipping, an AdamW step at `lr`. `loss` builds the scalar with dropout on
 * (it runs inside `tf.variableGrads`), so it fixes the batch and the dropout seed. Leaves no
 * tensors behind.
 *
 * @example
 * ```ts
 * const { loss } = await trainStep(() => classifier.loss(input, labels, { training: true, seed }),
 *   optimizer, { lr: 2e-5, clipNorm: 1 });
 * ```
 */
export async function trainStep(
  loss: () => tf.Scalar,
  optimizer: AdamW,
  options: TrainStepOptions,
): Promise<StepResult> {
  const { lr, clipNorm } = withDefaults(TRAIN_STEP_DEFAULTS, options);
  const vars = optimizer.params.map((p) => p.variable);
  const { value, grads } = tf.variableGrads(loss, vars);
  const ordered = vars.map((v) => grads[v.name] as tf.Tensor);
  const clipped = clipByGlobalNorm(ordered, clipNorm);
  optimizer.apply(clipped.grads, lr);
  const lossValue = (await value.data())[0] as number;
  tf.dispose([value, ...ordered, ...clipped.grads]);
  return { loss: lossValue, gradNorm: clipped.norm };
}

/**
 * The loss closure of one masked-language-model update for {@link trainStep}: the model's MLM
 * loss on `batch` with dropout on, seeded with `seed`.
 *
 * @example
 * ```ts
 * await trainStep(mlmLoss(model, batch, mixSeed(seed, step)), optimizer, { lr, clipNorm });
 * ```
 */
export function mlmLoss(model: MaskedLanguageModel, batch: MlmInput, seed: number): () => tf.Scalar {
  return () => model.loss(batch, { training: true, seed });
}
