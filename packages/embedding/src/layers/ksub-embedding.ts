import * as tf from '@tensorflow/tfjs-core';
import { serialization } from '@tensorflow/tfjs-core';
import type { layers, LayerVariable } from '@tensorflow/tfjs-layers';
import { type Allocation, describe, validateAllocation } from '@ksub/core';
import { gatheredSoftmaxCrossEntropy, matMul, sumGatheredColumns } from '@ksub/tensor';
import { allocationFromConfig, allocationToConfig } from './allocation-config';
import { type EmbeddingInitArgs, TokenEmbeddingLayer } from './token-embedding-layer';

/**
 * An allocation as it appears in a layer config: lowercase hex of its allocation file — the bytes
 * of `@ksub/index-mapping`'s `encodeAllocation`, which a saved model's `allocation.ksub` holds too,
 * so a k-sub allocation has one encoding. Hex because a TF.js model save snake-cases (and its load
 * camel-cases) every string value of a layer config, and a string of digits and lowercase letters
 * comes through both unchanged. The base64 of the same bytes, which earlier versions wrote, is
 * still read.
 */
export type SerializedAllocation = string;

/** Constructor arguments of {@link KSubEmbedding}. */
export interface KSubEmbeddingArgs extends EmbeddingInitArgs {
  /**
   * Which rows each token uses (from any allocator, or read back from a config). Each table is
   * initialised normal(0, initStddev); a token vector concatenates table rows, so its entries are
   * normal(0, 0.02) by default, as in RoBERTa. Table j uses seed + j.
   */
  allocation: Allocation | SerializedAllocation;
  /** d, when the caller wants it checked: must equal the sum of the allocation's widths. */
  dim?: number;
}

function toAllocation(a: Allocation | SerializedAllocation | undefined): Allocation {
  if (a === undefined || a === null)
    throw new TypeError(`KSubEmbedding: allocation is required; got ${describe(a)}`);
  if (typeof a === 'string') return allocationFromConfig(a, 'KSubEmbedding config');
  return validateAllocation(a, 'KSubEmbedding');
}

/**
 * k-sub-embedding as a drop-in TF.js embedding layer: k small tables of rows[j] × widths[j];
 * token t's vector is the concatenation of row codes[t, j] of table j, j = 1…k. Forward is k
 * integer lookups (token → row), k gathers and a concat; the tied decoder weight is the
 * reconstructed N × d matrix, whose gradient reaches the tables through the gathers (summed per
 * row). Trainable parameters: Σ rows[j]·widths[j] — e.g. 3 × 37 × 171 ≈ 19k for N = 50,265, d = 512
 * where the full table has 25.7M.
 *
 * @example
 * ```ts
 * const allocation = await getAllocator('radix').allocate({ numTokens: 50265, numTables: 3, dim: 512 });
 * const embedding = new KSubEmbedding({ allocation });
 * const vectors = embedding.embed(ids); // [batch, seq, 512]
 * ```
 */
export class KSubEmbedding extends TokenEmbeddingLayer {
  /** Serialization name. */
  static readonly className = 'KsubKSubEmbedding';
  readonly kind = 'ksub';
  /** The allocation this layer was built from. */
  readonly allocation: Allocation;
  private tables: LayerVariable[] = [];
  private codeColumns: tf.Tensor1D[] = [];
  private codeArrays: Int32Array[] = [];

  constructor(args: KSubEmbeddingArgs) {
    const allocation = toAllocation(args.allocation);
    const dim = allocation.widths.reduce((a, b) => a + b, 0);
    if (args.dim !== undefined && args.dim !== dim)
      throw new RangeError(
        `KSubEmbedding: allocation widths (${allocation.widths.join(' + ')} = ${dim}) must sum to dim; got dim ${describe(args.dim)}`,
      );
    super(allocation.numTokens, dim, args);
    this.allocation = allocation;
  }

  override build(): void {
    const { numTables: k, numTokens: n, rows, widths, codes } = this.allocation;
    this.tables = rows.map((r, j) =>
      this.addWeight(`table_${j}`, [r, widths[j] as number], 'float32', this.initializer(j)),
    );
    // Token → row lookups: constants of the layer, kept out of any enclosing tidy.
    this.codeArrays = rows.map((_, j) => {
      const column = new Int32Array(n);
      for (let t = 0; t < n; t++) column[t] = codes[t * k + j] as number;
      return column;
    });
    this.codeColumns = this.codeArrays.map((column) => tf.keep(tf.tensor1d(column, 'int32')));
    this.built = true;
  }

  protected lookup(ids: tf.Tensor): tf.Tensor {
    return tf.concat(
      this.tables.map((table, j) =>
        tf.gather(table.read(), tf.gather(this.codeColumns[j] as tf.Tensor, ids)),
      ),
      -1,
    );
  }

  outputWeight(): tf.Tensor2D {
    this.createWeights();
    return tf.tidy(() =>
      tf.concat(
        this.tables.map((table, j) => tf.gather(table.read(), this.codeColumns[j] as tf.Tensor)),
        1,
      ),
    ) as tf.Tensor2D;
  }

  /**
   * Σ_j P_j[:, codes_j] with P_j = h_j · T_jᵀ ([n, rows_j]): the logits without the N × d matrix
   * and without the n × d × N product — the decoder costs O(n · N · k) additions instead.
   */
  override logits(hidden: tf.Tensor): tf.Tensor2D {
    this.checkHidden(hidden);
    return tf.tidy(() => {
      const pieces = tf.split(hidden, [...this.allocation.widths], 1);
      const parts = this.tables.map((table, j) => matMul(pieces[j] as tf.Tensor, table.read(), false, true));
      return sumGatheredColumns(parts, this.codeArrays);
    });
  }

  /**
   * The loss from the per-table products P_j = h_j · T_jᵀ with the column gather, bias, softmax
   * and gradient scatter fused (`gatheredSoftmaxCrossEntropy`).
   */
  override crossEntropy(hidden: tf.Tensor2D, bias: tf.Tensor1D | null, labels: tf.Tensor1D): tf.Scalar {
    this.checkHidden(hidden);
    return tf.tidy(() => {
      const pieces = tf.split(hidden, [...this.allocation.widths], 1);
      const parts = this.tables.map(
        (table, j) => matMul(pieces[j] as tf.Tensor, table.read(), false, true) as tf.Tensor2D,
      );
      return gatheredSoftmaxCrossEntropy(parts, this.codeArrays, bias, labels);
    });
  }

  paramCount(): number {
    const { rows, widths } = this.allocation;
    return rows.reduce((sum, r, j) => sum + r * (widths[j] as number), 0);
  }

  override getConfig(): serialization.ConfigDict {
    const allocation: SerializedAllocation = allocationToConfig(this.allocation);
    return { ...super.getConfig(), allocation };
  }

  override dispose(): ReturnType<layers.Layer['dispose']> {
    const result = super.dispose();
    if (result.refCountAfterDispose === 0) {
      for (const c of this.codeColumns) c.dispose();
      this.codeColumns = [];
    }
    return result;
  }
}
