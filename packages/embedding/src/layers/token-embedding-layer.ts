import * as tf from '@tensorflow/tfjs-core';
import { serialization } from '@tensorflow/tfjs-core';
import { layers, type Shape } from '@tensorflow/tfjs-layers';
import { describe } from '@ksub/core';
import { matMul, sparseSoftmaxCrossEntropy } from '@ksub/tensor';
import type { TokenEmbedding } from '../token-embedding';
import { normalInitializer } from './initializer';
import { validateIds } from './validate-ids';

/** Initialisation arguments every ksub embedding layer takes. */
export interface EmbeddingInitArgs {
  /** Standard deviation of the normal initialisation (default 0.02, as RoBERTa). */
  initStddev?: number;
  /** Seed of the initialisation (weight i uses seed + i); default unseeded. */
  seed?: number;
  /** Layer name. */
  name?: string;
}

/**
 * What the ksub embedding layers share: the TF.js layer plumbing (output shape, `call` validating
 * the ids and running {@link lookup} in a tidy, lazy build) and the initialisation settings.
 * Subclasses add their weights in `build`, and implement `lookup`, `outputWeight`, `paramCount`.
 */
export abstract class TokenEmbeddingLayer extends layers.Layer implements TokenEmbedding {
  abstract readonly kind: string;
  readonly vocabSize: number;
  readonly dim: number;
  /** Standard deviation of the normal initialisation. */
  protected readonly initStddev: number;
  /** Seed of the initialisation, if any. */
  protected readonly seed: number | undefined;

  protected constructor(vocabSize: number, dim: number, args: EmbeddingInitArgs) {
    super({ name: args.name, dtype: 'float32' });
    this.vocabSize = vocabSize;
    this.dim = dim;
    this.initStddev = args.initStddev ?? 0.02;
    this.seed = args.seed;
  }

  /** normal(0, initStddev) for the `offset`-th weight, seeded with seed + offset when seeded. */
  protected initializer(offset: number): ReturnType<typeof normalInitializer> {
    return normalInitializer(this.initStddev, this.seed === undefined ? undefined : this.seed + offset);
  }

  /** Token vectors for validated int32 ids [batch, seq] (runs inside a tidy). */
  protected abstract lookup(ids: tf.Tensor): tf.Tensor;

  abstract outputWeight(): tf.Tensor2D;

  /** h · Eᵀ by default (one product with the materialised matrix); subclasses do better. */
  logits(hidden: tf.Tensor): tf.Tensor2D {
    this.checkHidden(hidden);
    return tf.tidy(() => matMul(hidden, this.outputWeight(), false, true)) as tf.Tensor2D;
  }

  /** The logits, then the loss; subclasses fuse the two where they can. */
  crossEntropy(hidden: tf.Tensor2D, bias: tf.Tensor1D | null, labels: tf.Tensor1D): tf.Scalar {
    return tf.tidy(() => {
      const logits = this.logits(hidden);
      return sparseSoftmaxCrossEntropy(bias === null ? logits : tf.add(logits, bias), labels);
    });
  }

  abstract paramCount(): number;

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [...(inputShape as Shape), this.dim];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const ids = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    validateIds(`${this.getClassName()}.call`, ids, this.vocabSize);
    this.createWeights();
    return tf.tidy(() => this.lookup(ids));
  }

  embed(ids: tf.Tensor): tf.Tensor3D {
    return this.apply(ids) as tf.Tensor3D;
  }

  override getConfig(): serialization.ConfigDict {
    return {
      ...super.getConfig(),
      initStddev: this.initStddev,
      ...(this.seed === undefined ? {} : { seed: this.seed }),
    };
  }

  /**
   * Releases the weights. Unlike a plain TF.js layer, an embedding built without ever being
   * applied (e.g. one a compressor returns) can be disposed too.
   */
  override dispose(): ReturnType<layers.Layer['dispose']> {
    if (this.built && this._refCount === null) this._refCount = 1;
    return super.dispose();
  }

  /** Checks hidden states handed to {@link logits}: float32 [n, d]. */
  protected checkHidden(hidden: tf.Tensor): void {
    if (hidden.rank !== 2 || hidden.shape[1] !== this.dim)
      throw new RangeError(
        `${this.getClassName()}.logits: hidden must have shape [n, ${this.dim}]; got ${describe(hidden.shape)}`,
      );
    this.createWeights();
  }

  /**
   * Creates the weights now, under the layer's name scope; otherwise they are created on first
   * use (outputWeight or logits may come before any call). Needed before `setWeights`.
   */
  createWeights(): void {
    // Through apply, so the weights get the layer's name scope (unique variable names) as usual.
    if (!this.built) tf.tidy(() => void this.apply(tf.zeros([1, 1], 'int32')));
  }
}
