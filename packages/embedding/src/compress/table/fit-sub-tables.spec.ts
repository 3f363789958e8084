import { createEmbeddingMatrix, type EmbeddingMatrix, reconstructTable, Rng } from '@ksub/core';
import { RadixAllocator, splitWidth } from '@ksub/index-mapping';
import { fitSubTables } from './fit-sub-tables';

// 4 tokens × 3 columns, k = 2 sub-tables of widths [2, 1] and rows [2, 3]
const table = createEmbeddingMatrix(4, 3, Float32Array.of(1, 2, 10, 3, 4, 20, 5, 6, 30, 7, 8, 50));
// token 0 → (0, 0), token 1 → (0, 1), token 2 → (1, 1), token 3 → (0, 0); sub-table 1 row 2 unused
const assignment = { numTables: 2, rows: [2, 3], codes: Int32Array.of(0, 0, 0, 1, 1, 1, 0, 0) };

function squaredError(e: EmbeddingMatrix, approx: Float32Array): number {
  let err = 0;
  e.data.forEach((x, i) => (err += (x - (approx[i] as number)) ** 2));
  return err;
}

function randomTable(rows: number, cols: number, seed: number): EmbeddingMatrix {
  const rng = Rng.fromSeed(seed);
  return createEmbeddingMatrix(
    rows,
    cols,
    Float32Array.from({ length: rows * cols }, () => rng.nextNormal()),
  );
}

describe('fitSubTables', () => {
  it('sets each used row to the mean of its tokens’ sub-vectors, and unused rows to 0', () => {
    const f = fitSubTables(table, assignment, [2, 1]);
    expect([f.kind, f.rows, f.k, f.widths, f.sizes]).toEqual(['sub-tables', 4, 2, [2, 1], [2, 3]]);
    // sub-table 0: row 0 = mean([1, 2], [3, 4], [7, 8]) = [11/3, 14/3]; row 1 = [5, 6]
    const t0 = Array.from(f.tables[0] as Float32Array);
    [11 / 3, 14 / 3, 5, 6].forEach((v, i) => expect(t0[i]).toBeCloseTo(v, 6));
    // sub-table 1: row 0 = mean(10, 50) = 30; row 1 = mean(20, 30) = 25; row 2 unused = 0
    expect(Array.from(f.tables[1] as Float32Array)).toEqual([30, 25, 0]);
    expect(f.codes).toEqual(Uint8Array.of(0, 0, 0, 1, 1, 1, 0, 0));
    // the reconstruction: token 0 = [11/3, 14/3, 30], token 2 = [5, 6, 25]
    const e = reconstructTable(f).data;
    expect(e[2]).toBe(30);
    expect(Array.from(e.subarray(6, 9))).toEqual([5, 6, 25]);
  });

  it('reproduces the table exactly when every token has rows of its own', () => {
    const f = fitSubTables(table, { numTables: 1, rows: [4], codes: [3, 2, 1, 0] }, [3]);
    expect(reconstructTable(f).data).toEqual(table.data);
  });

  it('takes an allocator’s Allocation as it is, and uses 2-byte codes above 256 rows', async () => {
    const e = randomTable(600, 4, 1);
    const allocation = await new RadixAllocator().allocate({
      numTokens: 600,
      numTables: 2,
      dim: 4,
      rows: 300,
    });
    const f = fitSubTables(e, allocation, allocation.widths);
    expect(f.codes).toBeInstanceOf(Uint16Array);
    expect(Array.from(f.codes)).toEqual(Array.from(allocation.codes));
    expect(f.sizes).toEqual([300, 300]);
  });

  it('minimises the squared error: moving any used row by ±ε makes it worse (property)', () => {
    const rng = Rng.fromSeed(5);
    for (let trial = 0; trial < 4; trial++) {
      const n = 40 + rng.nextInt(40);
      const d = 6;
      const k = 3;
      const widths = splitWidth(d, k);
      const sizes = [2 + rng.nextInt(6), 2 + rng.nextInt(6), 2 + rng.nextInt(6)];
      const codes = Int32Array.from({ length: n * k }, (_, i) => rng.nextInt(sizes[i % k] as number));
      const e = randomTable(n, d, 100 + trial);
      const f = fitSubTables(e, { numTables: k, rows: sizes, codes }, widths);
      const base = squaredError(e, reconstructTable(f).data);
      for (let j = 0; j < k; j++) {
        const w = widths[j] as number;
        const tj = f.tables[j] as Float32Array;
        for (let r = 0; r < (sizes[j] as number); r++) {
          let used = false;
          for (let i = 0; i < n; i++) if (codes[i * k + j] === r) used = true;
          for (let c = 0; c < w; c++) {
            for (const eps of [1e-2, -1e-2]) {
              const keep = tj[r * w + c] as number;
              tj[r * w + c] = keep + eps;
              const moved = squaredError(e, reconstructTable(f).data);
              tj[r * w + c] = keep;
              if (used) expect(moved).toBeGreaterThan(base);
              else expect(moved).toBe(base);
            }
          }
        }
      }
    }
  });

  it('rejects inconsistent input, naming the argument and value', () => {
    expect(() => fitSubTables(table, assignment, [2, 2])).toThrow(
      new RangeError('fitSubTables: widths must sum to d = 3; got [2, 2] (sum 4)'),
    );
    expect(() =>
      fitSubTables(table, { ...assignment, codes: Int32Array.of(0, 0, 0, 3, 1, 1, 0, 0) }, [2, 1]),
    ).toThrow(
      new RangeError(
        'fitSubTables: assignment.codes for token 1, sub-table 1 must be an integer in [0, 3); got 3',
      ),
    );
    expect(() => fitSubTables(table, { ...assignment, codes: [0, 0] }, [2, 1])).toThrow(
      new RangeError('fitSubTables: assignment.codes must hold N·k = 8 codes; got 2'),
    );
    expect(() => fitSubTables(table, { ...assignment, rows: [2] }, [2, 1])).toThrow(
      new TypeError('fitSubTables: assignment.rows must be an array of 2 row counts; got [2]'),
    );
    expect(() => fitSubTables(table, { ...assignment, rows: [2, 70_000] }, [2, 1])).toThrow(
      'fitSubTables: assignment.rows[1] must be an integer in [1, 65536]; got 70000',
    );
    expect(() => fitSubTables(table, { ...assignment, numTables: 4 }, [2, 1])).toThrow(
      'fitSubTables: assignment.numTables must be an integer in [1, 3]; got 4',
    );
    expect(() => fitSubTables(table, { ...assignment, codes: [0, 0, 0, 1, 1, 1.5, 0, 0] }, [2, 1])).toThrow(
      'token 2, sub-table 1 must be an integer in [0, 3); got 1.5',
    );
  });
});
