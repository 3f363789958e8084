import * as tf from '@tensorflow/tfjs-core';
import { serialization } from '@tensorflow/tfjs-core';
import { layers, type Shape } from '@tensorflow/tfjs-layers';
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

  abstract paramCount(): number;

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [...(inputShape as Shape), this.dim];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const ids = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    validateIds(`${this.getClassName()}.call`, ids, this.vocabSize);
    this.ensureBuilt();
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

  /** Builds the weights on first use (outputWeight may come before any call). */
  protected ensureBuilt(): void {
    if (!this.built) this.build([]);
  }
}
