import {
  createEmbeddingMatrix,
  type EmbeddingMatrix,
  factorBytes,
  reconstructTable,
  subTableShape,
  type SubTableFactors,
  validateTableFactors,
} from '@ksub/core';
import { describeTableCompressorConformance } from '@ksub/core/testing';
import { pqTable } from './pq-table';
import { productQuantize } from './product-quantize';
import { gaussianBlobs } from './testing-blobs';

/** Mean squared difference between the table and its reconstruction. */
function mse(table: EmbeddingMatrix, approx: EmbeddingMatrix): number {
  let total = 0;
  for (let i = 0; i < table.data.length; i++)
    total += ((approx.data[i] as number) - (table.data[i] as number)) ** 2;
  return total / table.data.length;
}

describe('pqTable', () => {
  const { matrix: table } = gaussianBlobs(300, 24, 20, 1, 2);
  const full = 4 * table.rows * table.cols;

  it("is named 'pq' and fits every budget, with subTableShape's k and m", async () => {
    const pq = pqTable();
    expect(pq.method).toBe('pq');
    let previous = Infinity;
    for (const ratio of [20, 8, 3]) {
      const bytes = full / ratio;
      const result = await pq.compress(table, { bytes });
      const shape = subTableShape(table.rows, table.cols, bytes);
      expect(result.method).toBe('pq');
      expect(result.settings).toEqual({ k: shape.k, m: shape.m });
      const factors = result.factors as SubTableFactors;
      expect(factors.kind).toBe('sub-tables');
      expect(() => validateTableFactors('test', factors)).not.toThrow();
      expect(factorBytes(factors)).toBeLessThanOrEqual(bytes);
      expect(factorBytes(factors)).toBe(shape.bytes);
      const approx = reconstructTable(factors);
      expect([approx.rows, approx.cols]).toEqual([table.rows, table.cols]);
      const error = mse(table, approx);
      expect(error).toBeLessThanOrEqual(previous); // a larger budget does not hurt here
      previous = error;
    }
  });

  it('is productQuantize at the chosen shape, seeded by budget.seed (default 1)', async () => {
    const bytes = full / 10;
    const { k, m } = subTableShape(table.rows, table.cols, bytes);
    const byDefault = (await pqTable().compress(table, { bytes })).factors as SubTableFactors;
    const direct = productQuantize(table, { k, m, seed: 1 });
    expect(Array.from(byDefault.codes)).toEqual(Array.from(direct.codes));
    const seeded = (await pqTable().compress(table, { bytes, seed: 7 })).factors as SubTableFactors;
    const again = (await pqTable().compress(table, { bytes, seed: 7 })).factors as SubTableFactors;
    expect(Array.from(seeded.codes)).toEqual(Array.from(again.codes));
    expect(Array.from(seeded.codes)).toEqual(Array.from(productQuantize(table, { k, m, seed: 7 }).codes));
  });

  it('caps m at the number of rows, and handles a one-column table', async () => {
    const small = gaussianBlobs(10, 4, 3, 2).matrix;
    const result = await pqTable().compress(small, { bytes: 1e6 });
    expect(result.settings).toEqual({ k: 4, m: 10 });
    expect(factorBytes(result.factors)).toBeLessThanOrEqual(1e6);
    expect(mse(small, reconstructTable(result.factors))).toBeCloseTo(0, 10);
    const column = createEmbeddingMatrix(6, 1, Float32Array.of(0, 0, 1, 1, 9, 9));
    const one = await pqTable().compress(column, { bytes: 4 * 3 + 6 });
    expect(one.settings).toEqual({ k: 1, m: 3 });
    expect(Array.from(reconstructTable(one.factors).data)).toEqual(Array.from(column.data));
  });

  it('passes its k-means settings on', async () => {
    const bytes = full / 10;
    const quick = await pqTable({ maxIter: 1 }).compress(table, { bytes });
    const settled = await pqTable({ maxIter: 300, nInit: 2 }).compress(table, { bytes });
    expect(mse(table, reconstructTable(settled.factors))).toBeLessThanOrEqual(
      mse(table, reconstructTable(quick.factors)),
    );
  });

  it('rejects a budget no shape fits, naming budget.bytes', async () => {
    const pq = pqTable();
    await expect(pq.compress(table, { bytes: 500 })).rejects.toThrow(
      /^pqTable\.compress: budget\.bytes = 500 fits no product quantiser of 300 × 24/,
    );
    await expect(pq.compress(table, { bytes: 0 })).rejects.toThrow(
      new RangeError('pqTable.compress: budget.bytes must be a positive number; got 0'),
    );
    await expect(pq.compress(table, { bytes: NaN })).rejects.toThrow(RangeError);
    await expect(pq.compress(table, { bytes: full, seed: -1 })).rejects.toThrow(/budget\.seed/);
    await expect(pq.compress(table, null as never)).rejects.toThrow(TypeError);
    await expect(pq.compress({ rows: 1 } as never, { bytes: full })).rejects.toThrow(
      /pqTable\.compress: table/,
    );
  });

  it('validates its options when built', () => {
    expect(() => pqTable({ maxIter: 0 })).toThrow(
      new RangeError('pqTable: options.maxIter must be an integer >= 1; got 0'),
    );
    expect(() => pqTable({ nInit: 1.5 })).toThrow(/pqTable: options\.nInit/);
    expect(() => pqTable(null as never)).toThrow(TypeError);
  });
});

describeTableCompressorConformance('pq', () => pqTable());
