import * as tf from '@tensorflow/tfjs-core';
import { assert, describe } from '@ksub/core';
import { KernelAdamW } from '@ksub/tensor';

/** Hyperparameters of {@link AdamW} (defaults: RoBERTa's pretraining, Table 5). */
export interface AdamWOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  /** Decoupled weight decay, applied to parameters marked `decay` only (default 0.01). */
  readonly weightDecay?: number;
  /**
   * Keep the moments in a SIMD kernel's memory and update each parameter in one threaded pass
   * (`@ksub/tensor`'s KernelAdamW; default: wherever that kernel runs). false: TF.js ops and
   * variables (the reference).
   */
  readonly fused?: boolean;
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
 * (RoBERTa). Moments are float32 — in the SIMD kernel's memory when fused (the default where it
 * runs), else TF.js variables — exported and restored exactly for checkpoints.
 */
export class AdamW {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
  /** Updates done so far. */
  step = 0;
  /** Whether updates run fused on the SIMD kernel (see {@link AdamWOptions.fused}). */
  readonly fused: boolean;
  private readonly kernel: KernelAdamW | null;
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
    this.kernel = options.fused === false ? null : KernelAdamW.create(params.map((p) => p.variable.size));
    assert(
      options.fused !== true || this.kernel !== null,
      () => 'AdamW: fused must be false here (no SIMD kernel in this runtime); got true',
      RangeError,
    );
    this.fused = this.kernel !== null;
    const zeros = (p: OptimizedParameter) => tf.tidy(() => tf.variable(tf.zerosLike(p.variable), false));
    this.m = this.fused ? [] : params.map(zeros);
    this.v = this.fused ? [] : params.map(zeros);
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
    if (this.kernel !== null) {
      this.kernel.update(
        this.params.map((p) => p.variable),
        grads,
        {
          lr,
          step: t,
          beta1: this.beta1,
          beta2: this.beta2,
          epsilon: this.epsilon,
          weightDecay: this.params.map((p) => (p.decay ? this.weightDecay : 0)),
        },
      );
      return;
    }
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

  /**
   * Copies of the moments, in parameter order, named `<param>.exp_avg` / `<param>.exp_avg_sq` (as
   * PyTorch); the caller disposes them.
   */
  stateTensors(): { name: string; tensor: tf.Tensor }[] {
    const { kernel } = this;
    return this.params.flatMap((p, i) => {
      const shape = p.variable.shape;
      return [
        {
          name: `${p.name}.exp_avg`,
          tensor: kernel ? tf.tensor(kernel.firstMoment(i).slice(), shape) : (this.m[i] as tf.Tensor).clone(),
        },
        {
          name: `${p.name}.exp_avg_sq`,
          tensor: kernel
            ? tf.tensor(kernel.secondMoment(i).slice(), shape)
            : (this.v[i] as tf.Tensor).clone(),
        },
      ];
    });
  }

  /**
   * Restores moments and step from {@link stateTensors}' names.
   *
   * @throws RangeError naming the first missing or misshapen moment.
   */
  restore(step: number, tensors: Readonly<Record<string, tf.Tensor>>): void {
    const found = this.params.map((p) =>
      (['exp_avg', 'exp_avg_sq'] as const).map((suffix) => {
        const t = tensors[`${p.name}.${suffix}`];
        assert(
          t !== undefined && t.shape.join() === p.variable.shape.join(),
          () => `AdamW.restore: ${p.name}.${suffix} is missing or not of shape [${p.variable.shape}]`,
          RangeError,
        );
        return t as tf.Tensor;
      }),
    );
    const { kernel } = this;
    found.forEach(([m, v], i) => {
      if (kernel !== null) {
        kernel.firstMoment(i).set((m as tf.Tensor).dataSync() as Float32Array);
        kernel.secondMoment(i).set((v as tf.Tensor).dataSync() as Float32Array);
      } else {
        (this.m[i] as tf.Variable).assign(m as tf.Tensor);
        (this.v[i] as tf.Variable).assign(v as tf.Tensor);
      }
    });
    this.step = step;
  }

  /** Releases the moments (and the fused kernel's worker threads). */
  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
    void this.kernel?.dispose();
  }
}
