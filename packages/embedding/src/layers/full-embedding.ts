import * as tf from '@tensorflow/tfjs-core';
import { serialization } from '@tensorflow/tfjs-core';
import type { LayerVariable } from '@tensorflow/tfjs-layers';
import { assertInteger } from '@ksub/core';
import { linearSoftmaxCrossEntropy } from '@ksub/tensor';
import { type EmbeddingInitArgs, TokenEmbeddingLayer } from './token-embedding-layer';

/** Constructor arguments of {@link FullEmbedding}. */
export interface FullEmbeddingArgs extends EmbeddingInitArgs {
  /** N, the vocabulary size. */
  vocabSize: number;
  /** d, the embedding width. */
  dim: number;
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
export class FullEmbedding extends TokenEmbeddingLayer {
  /** Serialization name. */
  static readonly className = 'KsubFullEmbedding';
  readonly kind = 'full';
  private table: LayerVariable | undefined;

  constructor(args: FullEmbeddingArgs) {
    assertInteger('FullEmbedding', 'vocabSize', args.vocabSize, { min: 1 });
    assertInteger('FullEmbedding', 'dim', args.dim, { min: 1 });
    super(args.vocabSize, args.dim, args);
  }

  override build(): void {
    this.table = this.addWeight('embeddings', [this.vocabSize, this.dim], 'float32', this.initializer(0));
    this.built = true;
  }

  protected lookup(ids: tf.Tensor): tf.Tensor {
    return tf.gather(this.outputWeight(), ids);
  }

  outputWeight(): tf.Tensor2D {
    this.createWeights();
    return (this.table as LayerVariable).read() as tf.Tensor2D;
  }

  /** The decoder product and the loss as one op (`linearSoftmaxCrossEntropy`). */
  override crossEntropy(hidden: tf.Tensor2D, bias: tf.Tensor1D | null, labels: tf.Tensor1D): tf.Scalar {
    this.checkHidden(hidden);
    return linearSoftmaxCrossEntropy(hidden, this.outputWeight(), bias, labels);
  }

  paramCount(): number {
    return this.vocabSize * this.dim;
  }

  override getConfig(): serialization.ConfigDict {
    return { ...super.getConfig(), vocabSize: this.vocabSize, dim: this.dim };
  }
}
