import * as tf from '@tensorflow/tfjs-core';
import { MaskedLanguageModel } from '@ksub/transformer';
import { microConfig, useWasmBackend } from '../testing/micro-model';
import { compressModel } from './compress-model';

const CONFIG = microConfig({ vocabSize: 60, layers: 1 });

useWasmBackend();

/** A trained-looking table: rows in a 3-dimensional subspace, so rank 3 reconstructs it exactly. */
function lowRankModel(): MaskedLanguageModel {
  const model = MaskedLanguageModel.fromSpec(CONFIG, { kind: 'full' }, 1);
  const table = tf.tidy(() =>
    tf.matMul(
      tf.randomNormal([CONFIG.vocabSize, 3], 0, 1, 'float32', 2),
      tf.randomNormal([3, 8], 0, 1, 'float32', 3),
    ),
  );
  model.params.get('roberta.embeddings.word_embeddings.embeddings').variable.assign(table);
  table.dispose();
  return model;
}

describe('compressModel', () => {
  it('SVD at the rank of the table reconstructs it (cosine 1, error 0) and counts N·r + r·d', async () => {
    const model = lowRankModel();
    const { model: swapped, report, history } = await compressModel(model, 'svd', 3);
    expect(report.meanCosine).toBeCloseTo(1, 4);
    expect(report.relativeFrobenius).toBeLessThan(1e-3);
    expect(report.params).toBe(60 * 3 + 3 * 8);
    expect(history).toEqual([]);
    expect(swapped.spec).toEqual({ kind: 'factorized', rank: 3, bias: false });
    model.dispose();
    swapped.dispose();
  });

  it('the AutoEncoders train (loss falls) and keep a decoder bias: N·r + r·d + d', async () => {
    const model = lowRankModel();
    for (const method of ['ae-mse', 'ae-direction'] as const) {
      const {
        model: swapped,
        report,
        history,
      } = await compressModel(model, method, 2, {
        epochs: 6,
        batchSize: 8,
        progress: false,
      });
      expect(history).toHaveLength(6);
      expect(history.at(-1) as number).toBeLessThan(history[0] as number);
      expect(report.params).toBe(60 * 2 + 2 * 8 + 8);
      expect(swapped.spec).toEqual({ kind: 'factorized', rank: 2, bias: true });
      swapped.dispose();
    }
    model.dispose();
  });

  it('names a method it does not know', async () => {
    const model = lowRankModel();
    await expect(compressModel(model, 'pca' as never, 2)).rejects.toThrow(
      /method must be one of svd, ae-mse, ae-direction; got "pca"/,
    );
    model.dispose();
  });
});
