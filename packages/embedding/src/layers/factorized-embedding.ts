import * as tf from '@tensorflow/tfjs-core';
import { serialization } from '@tensorflow/tfjs-core';
import type { LayerVariable } from '@tensorflow/tfjs-layers';
import { assertInteger } from '@ksub/core';
import { matMul } from '@ksub/tensor';
import { type EmbeddingInitArgs, TokenEmbeddingLayer } from './token-embedding-layer';

/** Constructor arguments of {@link FactorizedEmbedding}. */
export interface FactorizedEmbeddingArgs extends EmbeddingInitArgs {
  /** N, the vocabulary size. */
  vocabSize: number;
  /** d, the output width. */
  dim: number;
  /** r, the inner width (1 ≤ r < min(N, d) for a real saving). */
  rank: number;
  /** Whether a d-vector bias is added after the projection (the AutoEncoder decoder has one). Default false. */
  bias?: boolean;
}

/**
 * Factorized embedding (ALBERT): an N × r table times an r × d projection (+ optional bias), so
 * N·r + r·d (+ d) parameters. Also what the post-hoc compressors return: truncated SVD
 * (U_rΣ_r and V_rᵀ) and the AutoEncoder (codes and decoder).
 *
 * @example
 * ```ts
 * const embedding = new FactorizedEmbedding({ vocabSize: 50265, dim: 512, rank: 128 });
 * ```
 */
export class FactorizedEmbedding extends TokenEmbeddingLayer {
  /** Serialization name. */
  static readonly className = 'KsubFactorizedEmbedding';
  readonly kind = 'factorized';
  /** r, the inner width. */
  readonly rank: number;
  /** Whether a bias follows the projection. */
  readonly useBias: boolean;
  private table: LayerVariable | undefined;
  private projection: LayerVariable | undefined;
  private biasWeight: LayerVariable | undefined;

  constructor(args: FactorizedEmbeddingArgs) {
    const fn = 'FactorizedEmbedding';
    assertInteger(fn, 'vocabSize', args.vocabSize, { min: 1 });
    assertInteger(fn, 'dim', args.dim, { min: 1 });
    assertInteger(fn, 'rank', args.rank, { min: 1, max: Math.min(args.vocabSize, args.dim) });
    super(args.vocabSize, args.dim, args);
    this.rank = args.rank;
    this.useBias = args.bias ?? false;
  }

  override build(): void {
    const init = (offset: number) => this.initializer(offset);
    this.table = this.addWeight('table', [this.vocabSize, this.rank], 'float32', init(0));
    this.projection = this.addWeight('projection', [this.rank, this.dim], 'float32', init(1));
    if (this.useBias) this.biasWeight = this.addWeight('bias', [this.dim], 'float32', init(2));
    this.built = true;
  }

  protected lookup(ids: tf.Tensor): tf.Tensor {
    const [batch, seq] = ids.shape as [number, number];
    const inner = tf.gather((this.table as LayerVariable).read(), tf.reshape(ids, [-1]));
    return tf.reshape(this.project(inner), [batch, seq, this.dim]);
  }

  outputWeight(): tf.Tensor2D {
    this.createWeights();
    return tf.tidy(() => this.project((this.table as LayerVariable).read())) as tf.Tensor2D;
  }

  /** (h·Bᵀ)·Aᵀ (+ (h·b) for the bias): two thin products instead of h·(A·B)ᵀ. */
  override logits(hidden: tf.Tensor): tf.Tensor2D {
    this.checkHidden(hidden);
    return tf.tidy(() => {
      const inner = matMul(hidden, (this.projection as LayerVariable).read(), false, true);
      const out = matMul(inner, (this.table as LayerVariable).read(), false, true);
      if (this.biasWeight === undefined) return out;
      return tf.add(out, matMul(hidden, tf.reshape(this.biasWeight.read(), [this.dim, 1])));
    }) as tf.Tensor2D;
  }

  paramCount(): number {
    return this.vocabSize * this.rank + this.rank * this.dim + (this.useBias ? this.dim : 0);
  }

  override getConfig(): serialization.ConfigDict {
    return {
      ...super.getConfig(),
      vocabSize: this.vocabSize,
      dim: this.dim,
      rank: this.rank,
      bias: this.useBias,
    };
  }

  private project(inner: tf.Tensor): tf.Tensor {
    const out = matMul(inner, (this.projection as LayerVariable).read());
    return this.biasWeight === undefined ? out : tf.add(out, this.biasWeight.read());
  }
}
