import * as tf from '@tensorflow/tfjs-core';
import {
  assert,
  assertInteger,
  describe,
  type EmbeddingMatrix,
  type ProgressFactory,
  Rng,
  validateMatrix,
} from '@ksub/core';
import { matMul } from '@ksub/tensor';
import { FactorizedEmbedding } from '../layers/factorized-embedding';
import { directionAlpha, type ReconstructionLoss, reconstructionLoss } from './reconstruction-loss';
import { svdCompress } from './svd-compress';

/** Options of {@link autoencoderCompress}; defaults are the direction paper's. */
export interface AutoencoderOptions {
  /** Loss (default `direction`). */
  readonly loss?: ReconstructionLoss;
  /** Training epochs over all rows (default 30: α falls over 20, 10 more at 0.1). */
  readonly epochs?: number;
  /** Rows per step (default 32). */
  readonly batchSize?: number;
  /** Adam learning rate (default 1e-3). */
  readonly learningRate?: number;
  /** Seed of the initialisation and the row order (default 0). */
  readonly seed?: number;
  /** Start from the truncated SVD (encoder V_r, decoder V_rᵀ) instead of a random init (default false). */
  readonly initFromSvd?: boolean;
  /** Called after each epoch with its mean training loss. */
  readonly onEpoch?: (epoch: number, loss: number) => void;
  /**
   * Reports progress in steps (default: nothing shown). In Node, `createProgress` from
   * `@ksub/core/node` draws a terminal bar; `false` is the same as leaving it out.
   */
  readonly progress?: ProgressFactory | false;
}

/** What {@link autoencoderCompress} returns. */
export interface AutoencoderCompression {
  /** codes (N × r) · decoder (r × d) + bias — the encoder is dropped after training. */
  readonly embedding: FactorizedEmbedding;
  /** Mean training loss per epoch. */
  readonly history: readonly number[];
  /** N·r + r·d + d. */
  readonly paramCount: number;
}

const DEFAULTS = Object.freeze({
  loss: 'direction' as ReconstructionLoss,
  epochs: 30,
  batchSize: 32,
  learningRate: 1e-3,
  seed: 0,
  initFromSvd: false,
});

function gatherRows(matrix: EmbeddingMatrix, order: Int32Array, start: number, end: number): tf.Tensor2D {
  const { cols, data } = matrix;
  const out = new Float32Array((end - start) * cols);
  for (let i = start; i < end; i++) {
    const row = order[i] as number;
    out.set(data.subarray(row * cols, (row + 1) * cols), (i - start) * cols);
  }
  return tf.tensor2d(out, [end - start, cols]);
}

/**
 * Post-hoc compression of a trained N × d embedding matrix with a linear AutoEncoder (Bałazy et
 * al. 2021): encoder x·W_e + b_e to a code of size r, decoder z·W_d + b_d back, trained on the
 * rows with Adam under {@link reconstructionLoss} (`direction` weights the cosine between
 * reconstruction and original; `mse` is the plain squared error). The result keeps the codes and
 * the decoder: a {@link FactorizedEmbedding} with bias, N·r + r·d + d parameters.
 *
 * @example
 * ```ts
 * const { embedding } = await autoencoderCompress(trainedTable, 64, { loss: 'direction', epochs: 30 });
 * ```
 */
export async function autoencoderCompress(
  matrix: EmbeddingMatrix,
  codeSize: number,
  options: AutoencoderOptions = {},
): Promise<AutoencoderCompression> {
  const fn = 'autoencoderCompress';
  validateMatrix(fn, 'matrix', matrix);
  const { rows: n, cols: d } = matrix;
  assertInteger(fn, 'codeSize', codeSize, { min: 1, max: Math.min(n, d) - 1 });
  const o = { ...DEFAULTS, ...options };
  assert(
    o.loss === 'mse' || o.loss === 'cosine' || o.loss === 'direction',
    () => `${fn}: options.loss must be "mse", "cosine" or "direction"; got ${describe(o.loss)}`,
    RangeError,
  );
  assertInteger(fn, 'options.epochs', o.epochs, { min: 1 });
  assertInteger(fn, 'options.batchSize', o.batchSize, { min: 1 });
  assert(
    typeof o.learningRate === 'number' && o.learningRate > 0 && Number.isFinite(o.learningRate),
    () => `${fn}: options.learningRate must be a positive number; got ${describe(o.learningRate)}`,
    RangeError,
  );
  const rng = Rng.fromSeed(o.seed);
  const scale = 1 / Math.sqrt(d);
  const init = (shape: [number, number], stddev: number) =>
    tf.randomNormal(shape, 0, stddev, 'float32', rng.nextUint32());
  let encoderInit: tf.Tensor;
  let decoderInit: tf.Tensor;
  if (o.initFromSvd) {
    const svd = svdCompress(matrix, codeSize);
    const projection = svd.embedding.getWeights()[1] as tf.Tensor; // V_rᵀ, r × d
    decoderInit = tf.clone(projection);
    encoderInit = tf.transpose(projection);
    svd.embedding.dispose();
  } else {
    encoderInit = init([d, codeSize], scale);
    decoderInit = init([codeSize, d], 1 / Math.sqrt(codeSize));
  }
  const we = tf.variable(encoderInit, true, undefined);
  const wd = tf.variable(decoderInit, true, undefined);
  tf.dispose([encoderInit, decoderInit]);
  const be = tf.variable(tf.zeros([codeSize]));
  const bd = tf.variable(tf.zeros([d]));
  const optimizer = tf.train.adam(o.learningRate, 0.9, 0.999, 1e-8);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const steps = Math.ceil(n / o.batchSize);
  const bar = o.progress
    ? o.progress({ label: `autoencoder (${o.loss})`, total: o.epochs * steps, unit: 'steps' })
    : undefined;
  const history: number[] = [];
  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      rng.shuffle(order);
      const alpha = directionAlpha(epoch, o.epochs);
      let total = 0;
      for (let s = 0; s < steps; s++) {
        const start = s * o.batchSize;
        const end = Math.min(n, start + o.batchSize);
        const x = gatherRows(matrix, order, start, end);
        const cost = optimizer.minimize(
          () => {
            const code = tf.add(matMul(x, we), be);
            return reconstructionLoss(o.loss, x, tf.add(matMul(code, wd), bd), alpha);
          },
          true,
          [we, wd, be, bd],
        );
        total += ((await (cost as tf.Scalar).data())[0] as number) * (end - start);
        tf.dispose([x, cost as tf.Scalar]);
        bar?.tick(1, { epoch: epoch + 1 });
      }
      history.push(total / n);
      o.onEpoch?.(epoch, total / n);
    }
  } finally {
    bar?.stop();
    optimizer.dispose();
  }
  const codes = tf.tidy(() => tf.add(matMul(tf.tensor2d(matrix.data, [n, d]), we), be));
  const embedding = new FactorizedEmbedding({ vocabSize: n, dim: d, rank: codeSize, bias: true });
  embedding.createWeights();
  embedding.setWeights([codes, wd, bd]);
  tf.dispose([codes, we, wd, be, bd]);
  return { embedding, history, paramCount: embedding.paramCount() };
}
