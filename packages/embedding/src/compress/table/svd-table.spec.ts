import { createEmbeddingMatrix, lowRankFor, reconstructTable, Rng } from '@ksub/core';
import { describeTableCompressorConformance } from '@ksub/core/testing';
import { initBackend } from '@ksub/tensor';
import { embeddingToMatrix } from '../compression-report';
import { svdCompress } from '../svd-compress';
import { svdTable } from './svd-table';

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

describeTableCompressorConformance('svd', () => svdTable);

describe('svdTable', () => {
  it('reconstructs what svdCompress gives at the same rank (the reference)', async () => {
    const table = randomTable(60, 12, 1);
    const bytes = 4 * (60 * 5 + 5 * 12); // exactly rank 5
    const { method, settings, factors } = await svdTable.compress(table, { bytes });
    const rank = lowRankFor(60, 12, bytes, false);
    expect(rank).toBe(5);
    expect(method).toBe('svd');
    expect(settings).toEqual({ rank });
    expect(factors.kind === 'low-rank' && factors.bias).toBe(undefined);
    const reference = svdCompress(table, rank).embedding;
    const expected = embeddingToMatrix(reference).data;
    reference.dispose();
    const got = reconstructTable(factors).data;
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 5));
  });

  it('stays below full rank when the budget would allow it', async () => {
    const table = randomTable(8, 4, 2);
    const { settings, factors } = await svdTable.compress(table, { bytes: 1e6 });
    expect(settings).toEqual({ rank: 3 });
    expect(factors.kind === 'low-rank' && factors.rank).toBe(3);
  });

  it('rejects bad input, naming itself and the argument', async () => {
    const table = randomTable(8, 4, 3);
    await expect(svdTable.compress(table, { bytes: 47 })).rejects.toThrow(
      new RangeError('svdTable.compress: bytes = 47 cannot hold a rank-1 factorisation of 8 × 4'),
    );
    await expect(svdTable.compress(table, { bytes: -1 })).rejects.toThrow(
      new RangeError('svdTable.compress: budget.bytes must be a positive finite number; got -1'),
    );
    await expect(svdTable.compress(table, { bytes: 100, seed: 1.5 })).rejects.toThrow(
      'svdTable.compress: budget.seed must be an integer in [0, 4294967295]; got 1.5',
    );
    await expect(svdTable.compress(randomTable(1, 4, 4), { bytes: 1000 })).rejects.toThrow(
      /svdTable.compress: a 1 × 4 table has no rank below min\(N, d\)/,
    );
  });
});
