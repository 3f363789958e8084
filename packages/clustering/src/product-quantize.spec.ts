import {
  createEmbeddingMatrix,
  type EmbeddingMatrix,
  reconstructTable,
  Rng,
  type SubTableFactors,
  validateTableFactors,
} from '@ksub/core';
import { DEFAULT_PRODUCT_QUANTIZE_OPTIONS, productQuantize } from './product-quantize';
import { gaussianBlobs } from './testing-blobs';

/** Sum of squared differences between the table and its reconstruction. */
function error(table: EmbeddingMatrix, factors: SubTableFactors): number {
  const approx = reconstructTable(factors).data;
  let total = 0;
  for (let i = 0; i < table.data.length; i++)
    total += ((approx[i] as number) - (table.data[i] as number)) ** 2;
  return total;
}

/**
 * The baseline: uniformly random codes, each sub-table row the mean of the block rows assigned to
 * it (the best tables for those codes; 0 for a row nobody uses).
 */
function randomCodes(
  table: EmbeddingMatrix,
  widths: readonly number[],
  m: number,
  seed: number,
): SubTableFactors {
  const { rows, cols, data } = table;
  const k = widths.length;
  const rng = Rng.fromSeed(seed);
  const codes = new Uint16Array(rows * k);
  for (let i = 0; i < codes.length; i++) codes[i] = rng.nextInt(m);
  const tables: Float32Array[] = [];
  let offset = 0;
  for (let j = 0; j < k; j++) {
    const w = widths[j] as number;
    const sums = new Float64Array(m * w);
    const counts = new Int32Array(m);
    for (let i = 0; i < rows; i++) {
      const c = codes[i * k + j] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let t = 0; t < w; t++)
        sums[c * w + t] = (sums[c * w + t] as number) + (data[i * cols + offset + t] as number);
    }
    tables.push(Float32Array.from(sums, (s, x) => s / Math.max(1, counts[Math.floor(x / w)] as number)));
    offset += w;
  }
  return { kind: 'sub-tables', rows, k, widths, sizes: widths.map(() => m), tables, codes };
}

describe('productQuantize', () => {
  it('quantises an obviously separated 4 × 2 table exactly (hand-derived)', () => {
    // column 0: {0, 1} and {10, 11} → centroids 0.5 and 10.5; column 1: -5 and 5, each twice
    const table = createEmbeddingMatrix(4, 2, Float32Array.of(0, -5, 1, 5, 10, -5, 11, 5));
    const factors = productQuantize(table, { k: 2, m: 2, seed: 3 });
    expect(factors.kind).toBe('sub-tables');
    expect(factors.rows).toBe(4);
    expect(factors.k).toBe(2);
    expect(factors.widths).toEqual([1, 1]);
    expect(factors.sizes).toEqual([2, 2]);
    expect(factors.codes).toBeInstanceOf(Uint8Array);
    // token-major, numbered by first use: token 0 has code 0 in both blocks
    expect(Array.from(factors.codes)).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
    expect(Array.from(factors.tables[0] as Float32Array)).toEqual([0.5, 10.5]);
    expect(Array.from(factors.tables[1] as Float32Array)).toEqual([-5, 5]);
    expect(Array.from(reconstructTable(factors).data)).toEqual([0.5, -5, 0.5, 5, 10.5, -5, 10.5, 5]);
  });

  it('with m = 1 stores the column means; with m = rows of distinct rows it is exact', () => {
    const table = createEmbeddingMatrix(3, 2, Float32Array.of(1, 2, 3, 4, 8, 0));
    const one = productQuantize(table, { k: 2, m: 1 });
    expect(Array.from(one.tables[0] as Float32Array)).toEqual([4]);
    expect(Array.from(one.tables[1] as Float32Array)).toEqual([2]);
    expect(Array.from(one.codes)).toEqual([0, 0, 0, 0, 0, 0]);
    const all = productQuantize(table, { k: 1, m: 3 });
    expect(Array.from(reconstructTable(all).data)).toEqual(Array.from(table.data));
  });

  it('splits columns as splitWidth does when k does not divide d', () => {
    const { matrix } = gaussianBlobs(60, 7, 4, 2);
    const factors = productQuantize(matrix, { k: 3, m: 5 });
    expect(factors.widths).toEqual([3, 2, 2]);
    expect(factors.tables.map((t) => t.length)).toEqual([15, 10, 10]);
    expect(() => validateTableFactors('test', factors)).not.toThrow();
  });

  it('gives a valid result when a block has fewer distinct rows than m (duplicate, unused centroids)', () => {
    const table = createEmbeddingMatrix(5, 2, Float32Array.of(3, 1, 3, 1, 3, 1, 3, 2, 3, 2));
    const factors = productQuantize(table, { k: 2, m: 4 });
    expect(() => validateTableFactors('test', factors)).not.toThrow();
    expect(factors.sizes).toEqual([4, 4]);
    expect(Array.from(reconstructTable(factors).data)).toEqual(Array.from(table.data));
    // block 0 has one distinct value: every token uses centroid 0, all four centroids are 3
    expect(Array.from(factors.tables[0] as Float32Array)).toEqual([3, 3, 3, 3]);
    expect(Array.from(factors.codes.filter((_, i) => i % 2 === 0))).toEqual([0, 0, 0, 0, 0]);
  });

  it('uses 2-byte codes above 256 centroids', () => {
    const { matrix } = gaussianBlobs(300, 2, 3, 4);
    const factors = productQuantize(matrix, { k: 1, m: 257, maxIter: 5 });
    expect(factors.codes).toBeInstanceOf(Uint16Array);
    expect(() => validateTableFactors('test', factors)).not.toThrow();
  });

  it('beats random codes with their best tables', () => {
    for (const seed of [1, 2, 3]) {
      const { matrix } = gaussianBlobs(300, 12, 10, seed, 3);
      const pq = productQuantize(matrix, { k: 3, m: 8, seed });
      const random = randomCodes(matrix, pq.widths, 8, seed);
      expect(error(matrix, pq)).toBeLessThanOrEqual(error(matrix, random));
    }
  });

  it('has reconstruction error non-increasing in m, reaching 0 at m = rows', () => {
    const { matrix } = gaussianBlobs(64, 8, 5, 6, 2);
    let previous = Infinity;
    for (const m of [1, 2, 4, 8, 16, 32, 64]) {
      const e = error(matrix, productQuantize(matrix, { k: 2, m, seed: 4 }));
      expect(e).toBeLessThanOrEqual(previous * (1 + 1e-6));
      previous = e;
    }
    expect(previous).toBeCloseTo(0, 6);
  });

  it('is deterministic for a seed; more restarts do not hurt', () => {
    const { matrix } = gaussianBlobs(200, 6, 8, 9, 2);
    const a = productQuantize(matrix, { k: 2, m: 6, seed: 11 });
    const b = productQuantize(matrix, { k: 2, m: 6, seed: 11 });
    expect(Array.from(a.codes)).toEqual(Array.from(b.codes));
    expect(a.tables.map((t) => Array.from(t))).toEqual(b.tables.map((t) => Array.from(t)));
    const five = productQuantize(matrix, { k: 2, m: 6, seed: 11, nInit: 5 });
    expect(error(matrix, five)).toBeLessThanOrEqual(error(matrix, a) * (1 + 1e-6));
  });

  it('merges frozen defaults once; an option given as undefined keeps its default', () => {
    expect(Object.isFrozen(DEFAULT_PRODUCT_QUANTIZE_OPTIONS)).toBe(true);
    expect(DEFAULT_PRODUCT_QUANTIZE_OPTIONS).toEqual({ seed: 1, maxIter: 300, nInit: 1 });
    const { matrix } = gaussianBlobs(80, 4, 4, 6, 2);
    const spelled = productQuantize(matrix, { k: 2, m: 4, ...DEFAULT_PRODUCT_QUANTIZE_OPTIONS });
    const undef = productQuantize(matrix, {
      k: 2,
      m: 4,
      seed: undefined,
      maxIter: undefined,
      nInit: undefined,
    });
    expect(Array.from(undef.codes)).toEqual(Array.from(spelled.codes));
  });

  it('throws a RangeError naming the argument for bad k, m and settings', () => {
    const table = createEmbeddingMatrix(
      4,
      3,
      Float32Array.from({ length: 12 }, (_, i) => i),
    );
    expect(() => productQuantize(table, { k: 4, m: 2 })).toThrow(
      new RangeError('productQuantize: options.k must be an integer in [1, 3]; got 4'),
    );
    expect(() => productQuantize(table, { k: 0, m: 2 })).toThrow(/productQuantize: options\.k .*got 0/);
    expect(() => productQuantize(table, { k: 1, m: 0 })).toThrow(
      new RangeError('productQuantize: options.m must be an integer in [1, 4]; got 0'),
    );
    expect(() => productQuantize(table, { k: 1, m: 5 })).toThrow(
      /productQuantize: options\.m .*\[1, 4\]; got 5/,
    );
    expect(() => productQuantize(table, { k: 1, m: 1.5 })).toThrow(RangeError);
    expect(() => productQuantize(table, { k: 1, m: 2, seed: -1 })).toThrow(/options\.seed/);
    expect(() => productQuantize(table, { k: 1, m: 2, maxIter: 0 })).toThrow(/options\.maxIter/);
    expect(() => productQuantize(table, { k: 1, m: 2, nInit: 0 })).toThrow(/options\.nInit/);
  });

  it('throws naming the table or options when malformed', () => {
    const table = createEmbeddingMatrix(2, 2, Float32Array.of(1, 2, 3, NaN));
    expect(() => productQuantize(table, { k: 1, m: 1 })).toThrow(RangeError);
    expect(() => productQuantize({ rows: 2, cols: 2 } as unknown as EmbeddingMatrix, { k: 1, m: 1 })).toThrow(
      /productQuantize: table must be an EmbeddingMatrix/,
    );
    const ok = createEmbeddingMatrix(2, 2);
    expect(() => productQuantize(ok, null as never)).toThrow(
      new TypeError('productQuantize: options must be an object with k and m; got null'),
    );
    expect(() => productQuantize(ok, { m: 1 } as never)).toThrow(TypeError);
  });
});
