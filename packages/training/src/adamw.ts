import * as tf from '@tensorflow/tfjs-core';
import { assert, describe } from '@ksub/core';

/** Hyperparameters of {@link AdamW} (defaults: RoBERTa's pretraining, Table 5). */
export interface AdamWOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  /** Decoupled weight decay, applied to parameters marked `decay` only (default 0.01). */
  readonly weightDecay?: number;
}

/** A parameter as the optimizer sees it. */
export interface OptimizedParameter {
  readonly name: string;
  readonly variable: tf.Variable;
  readonly decay: boolean;
}

/**
 * AdamW as in PyTorch (`torch.optim.AdamW`) and Hugging Face: per step t (from 1),
 * p ← p·(1 − lr·λ) for decayed parameters, m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g²,
 * p ← p − lr · (m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε). Defaults β1 0.9, β2 0.98, ε 1e-6, λ 0.01
 * (RoBERTa). Moments are float32 variables, exported and restored exactly for checkpoints.
 */
export class AdamW {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
  /** Updates done so far. */
  step = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  constructor(
    readonly params: readonly OptimizedParameter[],
    options: AdamWOptions = {},
  ) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.98;
    this.epsilon = options.epsilon ?? 1e-6;
    this.weightDecay = options.weightDecay ?? 0.01;
    for (const [key, value] of [
      ['beta1', this.beta1],
      ['beta2', this.beta2],
    ] as const)
      assert(
        value >= 0 && value < 1,
        () => `AdamW: ${key} must be in [0, 1); got ${describe(value)}`,
        RangeError,
      );
    assert(this.epsilon > 0, () => `AdamW: epsilon must be > 0; got ${describe(this.epsilon)}`, RangeError);
    assert(
      this.weightDecay >= 0,
      () => `AdamW: weightDecay must be ≥ 0; got ${describe(this.weightDecay)}`,
      RangeError,
    );
    this.m = params.map((p) => tf.variable(tf.zerosLike(p.variable), false));
    this.v = params.map((p) => tf.variable(tf.zerosLike(p.variable), false));
  }

  /**
   * One update with gradients in parameter order (e.g. from `tf.variableGrads`, looked up by
   * variable name) at learning rate `lr`.
   *
   * @throws RangeError when the number of gradients differs from the parameters.
   */
  apply(grads: readonly tf.Tensor[], lr: number): void {
    assert(
      grads.length === this.params.length,
      () =>
        `AdamW.apply: grads must hold one tensor per parameter (${this.params.length}); got ${grads.length}`,
      RangeError,
    );
    this.step++;
    const t = this.step;
    const c1 = 1 - this.beta1 ** t;
    const c2 = 1 - this.beta2 ** t;
    tf.tidy(() => {
      this.params.forEach((p, i) => {
        const g = grads[i] as tf.Tensor;
        const m = this.m[i] as tf.Variable;
        const v = this.v[i] as tf.Variable;
        m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1)));
        v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
        const decayed =
          p.decay && this.weightDecay > 0 ? tf.mul(p.variable, 1 - lr * this.weightDecay) : p.variable;
        const update = tf.div(tf.div(m, c1), tf.add(tf.sqrt(tf.div(v, c2)), this.epsilon));
        p.variable.assign(tf.sub(decayed, tf.mul(update, lr)));
      });
    });
  }

  /** The moments, in parameter order, named `<param>.exp_avg` / `<param>.exp_avg_sq` (as PyTorch). */
  stateTensors(): { name: string; tensor: tf.Tensor }[] {
    return this.params.flatMap((p, i) => [
      { name: `${p.name}.exp_avg`, tensor: this.m[i] as tf.Tensor },
      { name: `${p.name}.exp_avg_sq`, tensor: this.v[i] as tf.Tensor },
    ]);
  }

  /**
   * Restores moments and step from {@link stateTensors}' names.
   *
   * @throws RangeError naming the first missing or misshapen moment.
   */
  restore(step: number, tensors: Readonly<Record<string, tf.Tensor>>): void {
    this.params.forEach((p, i) => {
      for (const [suffix, target] of [
        ['exp_avg', this.m[i]],
        ['exp_avg_sq', this.v[i]],
      ] as const) {
        const t = tensors[`${p.name}.${suffix}`];
        assert(
          t !== undefined && t.shape.join() === p.variable.shape.join(),
          () => `AdamW.restore: ${p.name}.${suffix} is missing or not of shape [${p.variable.shape}]`,
          RangeError,
        );
        (target as tf.Variable).assign(t as tf.Tensor);
      }
    });
    this.step = step;
  }

  /** Releases the moments. */
  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
