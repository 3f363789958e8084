import * as tf from '@tensorflow/tfjs-core';
import type { MaskedLanguageModel, MlmInput } from '@ksub/transformer';
import type { AdamW } from '../adamw';
import { clipByGlobalNorm } from '../clip-gradients';

/** What one update reports. */
export interface StepResult {
  readonly loss: number;
  /** Global gradient norm before clipping. */
  readonly gradNorm: number;
}

/**
 * One MLM update: loss and gradients of every parameter (dropout seeded with `seed`), global-norm
 * clipping (`clipNorm` 0 = off), an AdamW step at `lr`. Leaves no tensors behind.
 */
export async function trainStep(
  model: MaskedLanguageModel,
  optimizer: AdamW,
  batch: MlmInput,
  lr: number,
  seed: number,
  clipNorm: number,
): Promise<StepResult> {
  const vars = model.params.all().map((p) => p.variable);
  const { value, grads } = tf.variableGrads(() => model.loss(batch, { training: true, seed }), vars);
  const ordered = vars.map((v) => grads[v.name] as tf.Tensor);
  const clipped = clipByGlobalNorm(ordered, clipNorm);
  optimizer.apply(clipped.grads, lr);
  const loss = (await value.data())[0] as number;
  tf.dispose([value, ...ordered, ...clipped.grads]);
  return { loss, gradNorm: clipped.norm };
}
