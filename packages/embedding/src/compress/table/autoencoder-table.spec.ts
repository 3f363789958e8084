import { createEmbeddingMatrix, lowRankFor, Rng } from '@ksub/core';
import { describeTableCompressorConformance } from '@ksub/core/testing';
import { initBackend } from '@ksub/tensor';
import { autoencoderTable } from './autoencoder-table';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

function randomTable(rows: number, cols: number, seed: number) {
  const rng = Rng.fromSeed(seed);
  return createEmbeddingMatrix(
    rows,
    cols,
    Float32Array.from({ length: rows * cols }, () => rng.nextNormal()),
  );
}

// 3 epochs at the default learning rate (1e-3, 30 Adam steps) leave a random init worse than
// zero (relative error ≈ 1.3); a larger rate and smaller batches train it enough in the same epochs.
describeTableCompressorConformance('ae-mse', () =>
  autoencoderTable('mse', { epochs: 3, batchSize: 8, learningRate: 1e-2, progress: false }),
);

describe('autoencoderTable', () => {
  it('names its method after the loss and sizes the code with the bias counted', async () => {
    const table = randomTable(40, 8, 1);
    const bytes = 4 * (40 * 3 + 3 * 8 + 8); // exactly rank 3 with a bias
    expect(lowRankFor(40, 8, bytes, true)).toBe(3);
    for (const loss of ['mse', 'direction'] as const) {
      const compressor = autoencoderTable(loss, { epochs: 1, progress: false });
      expect(compressor.method).toBe(`ae-${loss}`);
      const { method, settings, factors } = await compressor.compress(table, { bytes, seed: 2 });
      expect(method).toBe(`ae-${loss}`);
      expect(settings).toEqual({ rank: 3, epochs: 1 });
      expect(factors.kind === 'low-rank' && factors.bias?.length).toBe(8);
    }
  });

  it('depends on the budget seed', async () => {
    const table = randomTable(40, 8, 2);
    const ae = autoencoderTable('mse', { epochs: 1, progress: false });
    const a = await ae.compress(table, { bytes: 400, seed: 1 });
    const b = await ae.compress(table, { bytes: 400, seed: 2 });
    expect(a.factors).not.toEqual(b.factors);
  });

  it('passes training options through (onEpoch sees every epoch)', async () => {
    const epochs: number[] = [];
    const ae = autoencoderTable('direction', { epochs: 2, progress: false, onEpoch: (e) => epochs.push(e) });
    await ae.compress(randomTable(20, 6, 3), { bytes: 400 });
    expect(epochs).toEqual([0, 1]);
  });

  it('rejects a bad loss and an impossible budget, naming them', async () => {
    expect(() => autoencoderTable('cosine' as never)).toThrow(
      new RangeError('autoencoderTable: loss must be "mse" or "direction"; got "cosine"'),
    );
    await expect(autoencoderTable('mse').compress(randomTable(10, 4, 4), { bytes: 71 })).rejects.toThrow(
      new RangeError(
        "autoencoderTable('mse').compress: bytes = 71 cannot hold a rank-1 factorisation of 10 × 4",
      ),
    );
  });
});
