import * as tf from '@tensorflow/tfjs-core';
import { serialization } from '@tensorflow/tfjs-core';
import { layers, type LayerVariable, type Shape } from '@tensorflow/tfjs-layers';
import { assertInteger } from '@ksub/core';
import type { TokenEmbedding } from '../token-embedding';
import { normalInitializer } from './initializer';
import { validateIds } from './validate-ids';

/** Constructor arguments of {@link FullEmbedding}. */
export interface FullEmbeddingArgs {
  /** N, the vocabulary size. */
  vocabSize: number;
  /** d, the embedding width. */
  dim: number;
  /** Standard deviation of the normal initialisation (default 0.02, as RoBERTa). */
  initStddev?: number;
  /** Seed of the initialisation (default: unseeded). */
  seed?: number;
  /** Layer name. */
  name?: string;
}

/**
 * The ordinary N × d embedding table — the baseline the compressed embeddings are measured
 * against. A TF.js layer: `apply(ids)` or `embed(ids)` gives [batch, seq, d]; the table is the
 * tied decoder weight.
 *
 * @example
 * ```ts
 * const embedding = new FullEmbedding({ vocabSize: 50265, dim: 512 });
 * const vectors = embedding.embed(tf.tensor2d([[0, 31414, 2]], [1, 3], 'int32'));
 * ```
 */
export class FullEmbedding extends layers.Layer implements TokenEmbedding {
  /** Serialization name. */
  static readonly className = 'KsubFullEmbedding';
  readonly kind = 'full';
  readonly vocabSize: number;
  readonly dim: number;
  private readonly initStddev: number;
  private readonly seed: number | undefined;
  private table: LayerVariable | undefined;

  constructor(args: FullEmbeddingArgs) {
    super({ name: args.name, dtype: 'float32' });
    const fn = 'FullEmbedding';
    assertInteger(fn, 'vocabSize', args.vocabSize, { min: 1 });
    assertInteger(fn, 'dim', args.dim, { min: 1 });
    this.vocabSize = args.vocabSize;
    this.dim = args.dim;
    this.initStddev = args.initStddev ?? 0.02;
    this.seed = args.seed;
  }

  override build(): void {
    this.table = this.addWeight(
      'embeddings',
      [this.vocabSize, this.dim],
      'float32',
      normalInitializer(this.initStddev, this.seed),
    );
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [...(inputShape as Shape), this.dim];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const ids = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    validateIds(`${this.getClassName()}.call`, ids, this.vocabSize);
    return tf.tidy(() => tf.gather(this.weightOf(), ids));
  }

  embed(ids: tf.Tensor): tf.Tensor3D {
    return this.apply(ids) as tf.Tensor3D;
  }

  outputWeight(): tf.Tensor2D {
    return this.weightOf() as tf.Tensor2D;
  }

  paramCount(): number {
    return this.vocabSize * this.dim;
  }

  override getConfig(): serialization.ConfigDict {
    return {
      ...super.getConfig(),
      vocabSize: this.vocabSize,
      dim: this.dim,
      initStddev: this.initStddev,
      ...(this.seed === undefined ? {} : { seed: this.seed }),
    };
  }

  private weightOf(): tf.Tensor {
    if (!this.built) this.build();
    return (this.table as LayerVariable).read();
  }
}
