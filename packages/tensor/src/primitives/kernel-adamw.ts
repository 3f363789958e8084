import * as tf from '@tensorflow/tfjs-core';
import { assert, describe } from '@ksub/core';
import { SimdKernel } from '@ksub/simd';
import { simdKernel } from './simd-mat-mul';

/** Hyperparameters of one {@link KernelAdamW.update}. */
export interface KernelAdamWStep {
  /** Learning rate. */
  readonly lr: number;
  /** The update's number t, from 1 (bias correction 1 − βᵗ). */
  readonly step: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Decoupled weight decay λ per parameter (0 for parameters not decayed). */
  readonly weightDecay: readonly number[];
}

/**
 * AdamW's moments held in a SIMD kernel's memory, and the whole update of a parameter as one
 * threaded pass: where the TF.js composite runs about a dozen element-wise ops per parameter (each
 * a new tensor, all alive until the step's `tidy` ends: at the full embedding of a 50k × 512 model
 * that is over a gigabyte of temporaries), this copies the parameter and its gradient into the
 * kernel, updates p, m and v there, and copies p back. The moments never enter the TF.js heap.
 * The kernel is the optimizer's own (its memory holds 2 floats per parameter for the moments, plus
 * room for the largest parameter and its gradient), with as many threads as `@ksub/simd` defaults to.
 *
 * @example
 * ```ts
 * const moments = KernelAdamW.create(params.map((p) => p.size));
 * moments?.update(params, grads, { lr, step, beta1: 0.9, beta2: 0.98, epsilon: 1e-6, weightDecay });
 * ```
 */
export class KernelAdamW {
  private readonly offsets: number[];
  private readonly scratch: number;

  private constructor(
    private readonly kernel: SimdKernel,
    /** Number of values of each parameter. */
    readonly sizes: readonly number[],
  ) {
    this.offsets = [];
    let at = kernel.base;
    for (const n of sizes) {
      this.offsets.push(at);
      at += 2 * n * 4; // m, then v
    }
    this.scratch = at;
    const largest = sizes.reduce((a, b) => Math.max(a, b), 0);
    kernel.ensure(at + 2 * largest * 4 - kernel.base);
    kernel.f32(kernel.base, (at - kernel.base) / 4).fill(0);
  }

  /**
   * Moments for parameters of `sizes` values each, all zero; null where the SIMD kernel does not
   * run (no WebAssembly SIMD or shared memory, or a device backend such as webgl).
   *
   * @throws RangeError naming `sizes` when an entry is not a non-negative integer.
   */
  static create(sizes: readonly number[]): KernelAdamW | null {
    sizes.forEach((n, i) =>
      assert(
        Number.isInteger(n) && n >= 0,
        () => `KernelAdamW.create: sizes[${i}] must be a non-negative integer; got ${describe(n)}`,
        RangeError,
      ),
    );
    if (simdKernel() === null) return null;
    return new KernelAdamW(SimdKernel.create(), sizes);
  }

  /**
   * One AdamW update of every parameter from its gradient, as PyTorch's `torch.optim.AdamW`:
   * p ← p · (1 − lr · λ) − lr · m̂ / (√v̂ + ε), with m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ).
   *
   * @throws RangeError naming params or grads when their count or sizes differ from the moments'.
   */
  update(params: readonly tf.Variable[], grads: readonly tf.Tensor[], hyper: KernelAdamWStep): void {
    const { kernel } = this;
    assert(
      params.length === this.sizes.length && grads.length === this.sizes.length,
      () =>
        `KernelAdamW.update: params and grads must hold ${this.sizes.length} tensors; got ${params.length} and ${grads.length}`,
      RangeError,
    );
    const stepSize = hyper.lr / (1 - hyper.beta1 ** hyper.step);
    const invC2 = 1 / (1 - hyper.beta2 ** hyper.step);
    params.forEach((p, i) => {
      const n = this.sizes[i] as number;
      const g = grads[i] as tf.Tensor;
      assert(
        p.size === n && g.size === n,
        () =>
          `KernelAdamW.update: params[${i}] and grads[${i}] must hold ${n} values; got ${p.size} and ${g.size}`,
        RangeError,
      );
      const pAt = this.scratch;
      const gAt = pAt + n * 4;
      const mAt = this.offsets[i] as number;
      kernel.f32(pAt, n).set(p.dataSync() as Float32Array);
      kernel.f32(gAt, n).set(g.dataSync() as Float32Array);
      kernel.adamw(pAt, gAt, mAt, mAt + n * 4, n, {
        decay: 1 - hyper.lr * (hyper.weightDecay[i] ?? 0),
        beta1: hyper.beta1,
        beta2: hyper.beta2,
        stepSize,
        invC2,
        epsilon: hyper.epsilon,
      });
      const next = tf.tensor(kernel.f32(pAt, n).slice(), p.shape, 'float32');
      p.assign(next);
      next.dispose();
    });
  }

  /** A view of parameter `index`'s first moment m (valid until the next update). */
  firstMoment(index: number): Float32Array {
    return this.kernel.f32(this.offsetOf(index), this.sizes[index] as number);
  }

  /** A view of parameter `index`'s second moment v (valid until the next update). */
  secondMoment(index: number): Float32Array {
    const n = this.sizes[index] as number;
    return this.kernel.f32(this.offsetOf(index) + n * 4, n);
  }

  /** Stops the kernel's worker threads. */
  dispose(): Promise<void> {
    return this.kernel.dispose();
  }

  private offsetOf(index: number): number {
    assert(
      Number.isInteger(index) && index >= 0 && index < this.sizes.length,
      () => `KernelAdamW: index must be an integer in [0, ${this.sizes.length}); got ${describe(index)}`,
      RangeError,
    );
    return this.offsets[index] as number;
  }
}
