import * as tf from '@tensorflow/tfjs-core';
import { reconstructTable } from '@ksub/core';
import { initBackend } from '@ksub/tensor';
import { embeddingToMatrix } from '../compression-report';
import { FactorizedEmbedding } from '../../layers/factorized-embedding';
import { factorizedToFactors } from './low-rank-factors';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('factorizedToFactors', () => {
  it('reads the table as A and the projection as B', () => {
    const layer = new FactorizedEmbedding({ vocabSize: 3, dim: 2, rank: 1 });
    layer.createWeights();
    layer.setWeights([tf.tensor2d([[1], [2], [3]]), tf.tensor2d([[4, 5]])]);
    const factors = factorizedToFactors(layer);
    expect(factors).toEqual({
      kind: 'low-rank',
      rows: 3,
      cols: 2,
      rank: 1,
      a: Float32Array.of(1, 2, 3),
      b: Float32Array.of(4, 5),
    });
    expect(Array.from(reconstructTable(factors).data)).toEqual([4, 5, 8, 10, 12, 15]);
    layer.dispose();
  });

  it('keeps the bias, and rebuilds what the layer outputs', () => {
    const layer = new FactorizedEmbedding({ vocabSize: 4, dim: 3, rank: 2, bias: true, seed: 5 });
    layer.createWeights();
    const factors = factorizedToFactors(layer);
    expect(factors.bias).toBeInstanceOf(Float32Array);
    expect(factors.bias?.length).toBe(3);
    const expected = embeddingToMatrix(layer).data;
    const got = reconstructTable(factors).data;
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 6));
    layer.dispose();
  });

  it('copies: the layer stays usable and later changes do not leak into the factors', () => {
    const layer = new FactorizedEmbedding({ vocabSize: 2, dim: 2, rank: 1 });
    layer.createWeights();
    layer.setWeights([tf.tensor2d([[1], [2]]), tf.tensor2d([[3, 4]])]);
    const factors = factorizedToFactors(layer);
    layer.setWeights([tf.tensor2d([[9], [9]]), tf.tensor2d([[9, 9]])]);
    expect(Array.from(factors.a)).toEqual([1, 2]);
    expect(Array.from(embeddingToMatrix(layer).data)).toEqual([81, 81, 81, 81]);
    layer.dispose();
  });
});
