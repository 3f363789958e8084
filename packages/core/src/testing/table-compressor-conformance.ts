import { beforeAll, describe, expect, it } from '@jest/globals';
import { createEmbeddingMatrix, type EmbeddingMatrix } from '../embedding-matrix';
import { Rng } from '../random';
import type { CompressedTable, TableCompressor } from '../table/table-compressor';
import {
  factorBytes,
  reconstructTable,
  type TableFactors,
  validateTableFactors,
} from '../table/table-factors';

/** Options of {@link describeTableCompressorConformance}. */
export interface TableCompressorConformanceOptions {
  /** Rows N of the synthetic table (default 300). */
  readonly rows?: number;
  /** Columns d of the synthetic table (default 24). */
  readonly cols?: number;
  /**
   * Compression ratios 4·N·d / bytes to test (default [16, 8, 4]); each is also tested at twice
   * its bytes, where the error must not grow.
   */
  readonly ratios?: readonly number[];
  /** Slack on "the error does not grow with a doubled budget", in relative Frobenius units (default 0.02). */
  readonly tolerance?: number;
  /** Seed of every budget (default 7). */
  readonly seed?: number;
  /** Timeout of the compressions, in ms (default 120,000). */
  readonly timeoutMs?: number;
}

/**
 * A seeded N × d table with the structure real token tables have: a shared mean, 8 clusters, a
 * few strong directions, and noise — something every compressor can do better than zero on.
 */
function syntheticTable(rows: number, cols: number, seed: number): EmbeddingMatrix {
  const rng = Rng.fromSeed(seed);
  const vector = (scale: number) => Float64Array.from({ length: cols }, () => rng.nextNormal() * scale);
  const mean = vector(0.5);
  const centres = Array.from({ length: 8 }, () => vector(1));
  const directions = Array.from({ length: 3 }, () => vector(1));
  const data = new Float32Array(rows * cols);
  for (let t = 0; t < rows; t++) {
    const centre = centres[rng.nextInt(centres.length)] as Float64Array;
    const weights = directions.map((_, i) => rng.nextNormal() / (i + 1));
    for (let c = 0; c < cols; c++) {
      let v = (mean[c] as number) + (centre[c] as number) + 0.3 * rng.nextNormal();
      directions.forEach((dir, i) => (v += (weights[i] as number) * (dir[c] as number)));
      data[t * cols + c] = v;
    }
  }
  return createEmbeddingMatrix(rows, cols, data);
}

/** ‖Ê − E‖_F / ‖E‖_F, accumulated in float64. */
function relativeError(table: EmbeddingMatrix, factors: TableFactors): number {
  const approx = reconstructTable(factors).data;
  let err = 0;
  let norm = 0;
  table.data.forEach((x, i) => {
    const diff = x - (approx[i] as number);
    err += diff * diff;
    norm += x * x;
  });
  return Math.sqrt(err / norm);
}

/** The factors' arrays as plain numbers, to compare two runs exactly. */
function flatten(factors: TableFactors): unknown {
  const arrays =
    factors.kind === 'low-rank'
      ? [factors.a, factors.b, factors.bias ?? []]
      : [...factors.tables, factors.codes, factors.sizes, factors.widths];
  return { ...factors, arrays: arrays.map((a) => Array.from(a)) };
}

/**
 * The shared conformance suite of the {@link TableCompressor} seam: every post-hoc compressor,
 * built-in or a user's, runs it from its own spec file. On a seeded synthetic table (300 × 24 by
 * default) at a few budgets it checks that the factors fit the budget (`factorBytes`), are
 * consistent (`validateTableFactors`), rebuild a table of the right shape with a relative
 * Frobenius error below 1 that does not grow when the budget doubles (within a tolerance); that the
 * same seed gives identical factors; that the input is left untouched; and that an impossible
 * budget (8 bytes) is a RangeError naming `bytes`. A TensorFlow.js compressor initialises its
 * backend in the spec's own `beforeAll`, which runs before this suite's.
 *
 * @param name - label of the suite (usually the method name)
 * @param make - makes the compressor under test
 * @param options - table size, ratios, tolerance and timeout
 * @example
 * ```ts
 * import { describeTableCompressorConformance } from '@ksub/core/testing';
 * describeTableCompressorConformance('svd', () => svdTable);
 * ```
 */
export function describeTableCompressorConformance(
  name: string,
  make: () => TableCompressor,
  options: TableCompressorConformanceOptions = {},
): void {
  const rows = options.rows ?? 300;
  const cols = options.cols ?? 24;
  const ratios = options.ratios ?? [16, 8, 4];
  const tolerance = options.tolerance ?? 0.02;
  const seed = options.seed ?? 7;
  const timeout = options.timeoutMs ?? 120_000;
  const table = syntheticTable(rows, cols, 1234);
  const original = Float32Array.from(table.data);
  const full = 4 * rows * cols;
  const budgets = [...new Set(ratios.flatMap((r) => [Math.floor(full / r), 2 * Math.floor(full / r)]))];
  const results = new Map<number, CompressedTable>();
  const result = (bytes: number) => results.get(bytes) as CompressedTable;

  describe(`table compressor conformance: ${name}`, () => {
    beforeAll(async () => {
      for (const bytes of budgets) results.set(bytes, await make().compress(table, { bytes, seed }));
    }, timeout);

    it('has a kebab-case method name and reports it with JSON-friendly settings', () => {
      const compressor = make();
      expect(compressor.method).toMatch(/^[a-z][a-z0-9-]*$/);
      for (const bytes of budgets) {
        const { method, settings } = result(bytes);
        expect(method).toBe(compressor.method);
        for (const value of Object.values(settings)) expect(['number', 'string']).toContain(typeof value);
      }
    });

    it.each(budgets)('fits %i bytes with consistent factors of the table’s shape', (bytes) => {
      const { factors } = result(bytes);
      expect(factorBytes(factors)).toBeLessThanOrEqual(bytes);
      expect(() => validateTableFactors('conformance', factors)).not.toThrow();
      const approx = reconstructTable(factors);
      expect([approx.rows, approx.cols]).toEqual([rows, cols]);
      expect(approx.data.every(Number.isFinite)).toBe(true);
    });

    it.each(budgets)('at %i bytes has a relative Frobenius error below 1', (bytes) => {
      expect(relativeError(table, result(bytes).factors)).toBeLessThan(1);
    });

    it.each(ratios.map((r) => Math.floor(full / r)))('does not get worse with twice %i bytes', (bytes) => {
      const small = relativeError(table, result(bytes).factors);
      const large = relativeError(table, result(2 * bytes).factors);
      expect(large).toBeLessThanOrEqual(small + tolerance);
    });

    it(
      'gives identical factors for the same seed, and leaves the table untouched',
      async () => {
        const bytes = budgets[0] as number;
        const again = await make().compress(table, { bytes, seed });
        expect(flatten(again.factors)).toEqual(flatten(result(bytes).factors));
        expect(again.settings).toEqual(result(bytes).settings);
        expect(table.data).toEqual(original);
      },
      timeout,
    );

    it(
      'rejects an impossible budget (8 bytes) with a RangeError naming bytes',
      async () => {
        const attempt = make().compress(table, { bytes: 8, seed });
        await expect(attempt).rejects.toThrow(RangeError);
        await expect(make().compress(table, { bytes: 8, seed })).rejects.toThrow(/bytes/);
      },
      timeout,
    );
  });
}
