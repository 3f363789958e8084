import { Rng } from '../random';
import { lowRankFor, subTableShape } from './table-budget';

const codeBytesOf = (m: number) => (m <= 256 ? 1 : 2);
const shapeBytes = (rows: number, cols: number, k: number, m: number) =>
  4 * m * cols + rows * k * codeBytesOf(m);

/** The largest m in [2, 65,536] whose k sub-tables fit `bytes`, by plain search (0 when none). */
function largestFittingRows(rows: number, cols: number, bytes: number, k: number): number {
  for (let m = 65_536; m >= 2; m--) if (shapeBytes(rows, cols, k, m) <= bytes) return m;
  return 0;
}

describe('lowRankFor', () => {
  it('matches hand-derived ranks at the edge of the budget', () => {
    // N = 10, d = 6: rank 2 takes 4·(10·2 + 2·6) = 128 bytes
    expect(lowRankFor(10, 6, 128, false)).toBe(2);
    expect(lowRankFor(10, 6, 127, false)).toBe(1);
    // with a bias: 4·(10·2 + 2·6 + 6) = 152 bytes
    expect(lowRankFor(10, 6, 152, true)).toBe(2);
    expect(lowRankFor(10, 6, 151, true)).toBe(1);
    expect(lowRankFor(8002, 256, (4 * 8002 * 256) / 10, false)).toBe(24);
  });

  it('never exceeds min(N, d)', () => {
    expect(lowRankFor(10, 6, 1e9, false)).toBe(6);
    expect(lowRankFor(3, 6, 1e9, true)).toBe(3);
  });

  it('fits its budget and is the largest rank that does (property)', () => {
    const rng = Rng.fromSeed(3);
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + rng.nextInt(500);
      const cols = 1 + rng.nextInt(64);
      const bias = rng.nextInt(2) === 1;
      const floatsOf = (r: number) => rows * r + r * cols + (bias ? cols : 0);
      const bytes = 4 * floatsOf(1) + rng.nextInt(4 * rows * cols);
      const r = lowRankFor(rows, cols, bytes, bias);
      expect(4 * floatsOf(r)).toBeLessThanOrEqual(bytes);
      if (r < Math.min(rows, cols)) expect(4 * floatsOf(r + 1)).toBeGreaterThan(bytes);
    }
  });

  it('throws a RangeError naming bytes when not even rank 1 fits', () => {
    // rank 1 of 10 × 6 takes 64 bytes
    expect(() => lowRankFor(10, 6, 63, false)).toThrow(
      new RangeError('lowRankFor: bytes = 63 cannot hold a rank-1 factorisation of 10 × 6'),
    );
    expect(() => lowRankFor(10, 6, 87, true)).toThrow(RangeError);
    // a compressor names itself
    expect(() => lowRankFor(10, 6, 63, false, 'svdTable.compress')).toThrow(
      new RangeError('svdTable.compress: bytes = 63 cannot hold a rank-1 factorisation of 10 × 6'),
    );
  });

  it('rejects bad arguments, naming them', () => {
    expect(() => lowRankFor(10, 6, 0, false)).toThrow(
      new RangeError('lowRankFor: bytes must be a positive finite number; got 0'),
    );
    expect(() => lowRankFor(10, 6, Number.NaN, false)).toThrow(
      'bytes must be a positive finite number; got NaN',
    );
    expect(() => lowRankFor(10, 6, '100' as unknown as number, false)).toThrow(
      new TypeError('lowRankFor: bytes must be a number; got "100"'),
    );
    expect(() => lowRankFor(0, 6, 100, false)).toThrow('lowRankFor: rows must be an integer >= 1; got 0');
  });
});

describe('subTableShape', () => {
  it('matches hand-derived shapes', () => {
    // N = 10, d = 4, 100 bytes: k = 2 → m = ⌊(100 − 20)/16⌋ = 5 (4.64 bits); k = 3 → 4 (6 bits);
    // k = 4 → 3 (6.34 bits, the most)
    expect(subTableShape(10, 4, 100)).toEqual({ k: 4, m: 3, bytes: 88 });
    expect(subTableShape(8002, 256, (4 * 8002 * 256) / 100)).toEqual({ k: 8, m: 17, bytes: 81_424 });
  });

  it('switches to two-byte codes when more than 256 rows pay for them', () => {
    // N = 10, d = 1 (so k = 1): one-byte codes cap m at 256 (8 bits); two-byte codes allow
    // m = ⌊(1220 − 20)/4⌋ = 300 (8.23 bits)
    expect(subTableShape(10, 1, 1220)).toEqual({ k: 1, m: 300, bytes: 1220 });
    // one byte short of that, m = 299 still beats 256
    expect(subTableShape(10, 1, 1219)).toEqual({ k: 1, m: 299, bytes: 1216 });
    // 257 rows with two-byte codes would need 4·257 + 20 = 1048 bytes; below it, 256 rows, one byte
    expect(subTableShape(10, 1, 1047)).toEqual({ k: 1, m: 256, bytes: 1034 });
  });

  it('with unique, keeps only shapes with m^k ≥ N', () => {
    // N = 100, d = 4, 300 bytes: only k = 2 fits, m = ⌊(300 − 200)/16⌋ = 6, and 6² < 100
    expect(subTableShape(100, 4, 300)).toEqual({ k: 2, m: 6, bytes: 296 });
    expect(() => subTableShape(100, 4, 300, { unique: true })).toThrow(
      new RangeError(
        'subTableShape: bytes = 300 holds no 2–4 sub-tables of ≥ 2 rows for 100 × 4 with a code per token',
      ),
    );
  });

  it('honours minK and maxK', () => {
    expect(subTableShape(10, 4, 100, { maxK: 2 })).toEqual({ k: 2, m: 5, bytes: 100 });
    expect(subTableShape(10, 4, 100, { minK: 3, maxK: 3 })).toEqual({ k: 3, m: 4, bytes: 94 });
    expect(() => subTableShape(10, 4, 100, { maxK: 5 })).toThrow(
      'subTableShape: options.maxK must be an integer in [2, 4]; got 5',
    );
    expect(() => subTableShape(10, 4, 100, { minK: 3, maxK: 2 })).toThrow(
      'subTableShape: options.maxK must be an integer in [3, 4]; got 2',
    );
  });

  it('throws a RangeError naming bytes when nothing fits', () => {
    expect(() => subTableShape(300, 24, 8)).toThrow(RangeError);
    expect(() => subTableShape(300, 24, 8)).toThrow('bytes = 8');
    expect(() => subTableShape(300, 24, 8, { caller: 'pq.compress' })).toThrow(
      /^pq\.compress: bytes = 8 holds no/,
    );
    expect(() => subTableShape(300, 24, -1)).toThrow(
      new RangeError('subTableShape: bytes must be a positive finite number; got -1'),
    );
  });

  it.each([false, true])(
    'fits the budget, could not add a row, and carries the most code bits (property, unique = %p)',
    (unique) => {
      const rng = Rng.fromSeed(unique ? 11 : 7);
      let checked = 0;
      for (let trial = 0; trial < 60; trial++) {
        const rows = 1 + rng.nextInt(3000);
        const cols = 1 + rng.nextInt(48);
        const bytes = 8 * cols + rows * 2 + rng.nextInt(4 * rows * cols);
        const maxK = Math.min(cols, 8);
        const minK = Math.min(2, cols);
        // every k's best m, by plain search, and the most bits any fitting shape carries
        let bestBits = -Infinity;
        let bestK = 0;
        for (let k = minK; k <= maxK; k++) {
          const m = largestFittingRows(rows, cols, bytes, k);
          if (m < 2 || (unique && m ** k < rows)) continue; // a smaller m is even less unique
          const bits = k * Math.log2(m);
          if (bits > bestBits + 1e-9) {
            bestBits = bits;
            bestK = k;
          }
        }
        if (bestK === 0) {
          expect(() => subTableShape(rows, cols, bytes, { unique })).toThrow(RangeError);
          expect(() => subTableShape(rows, cols, bytes, { unique })).toThrow(`bytes = ${bytes}`);
          continue;
        }
        checked++;
        const { k, m, bytes: used } = subTableShape(rows, cols, bytes, { unique });
        expect(used).toBe(shapeBytes(rows, cols, k, m));
        expect(used).toBeLessThanOrEqual(bytes);
        expect(m).toBeGreaterThanOrEqual(2);
        if (unique) expect(m ** k).toBeGreaterThanOrEqual(rows);
        // m + 1 would not fit with the same k and code width (or the code width is full)
        const full = m === 256 || m === 65_536;
        if (!full) expect(4 * (m + 1) * cols + rows * k * codeBytesOf(m)).toBeGreaterThan(bytes);
        expect(k * Math.log2(m)).toBeCloseTo(bestBits, 9);
        expect(k).toBe(bestK);
      }
      expect(checked).toBeGreaterThan(20);
    },
  );

  it("with prefer: 'fewest-tables', takes the smallest k that fits, then its largest m (hand-derived)", () => {
    // USE-lite's table, 8002 × 256, at ratio 10: 819,404.8 bytes; k = 2 fits with 2-byte codes:
    // m = ⌊(819,404.8 − 8002·2·2)/1024⌋ = 768 (768² ≥ 8002)
    expect(
      subTableShape(8002, 256, (4 * 8002 * 256) / 10, { unique: true, prefer: 'fewest-tables' }),
    ).toEqual({
      k: 2,
      m: 768,
      bytes: 4 * 768 * 256 + 8002 * 2 * 2,
    });
    // at ratio 100 (81,940.5 bytes) k = 2 allows m ≤ 64 (64² < 8002), so k = 3: m = ⌊(81,940.5 − 24,006)/1024⌋ = 56
    expect(
      subTableShape(8002, 256, (4 * 8002 * 256) / 100, { unique: true, prefer: 'fewest-tables' }),
    ).toEqual({
      k: 3,
      m: 56,
      bytes: 4 * 56 * 256 + 8002 * 3,
    });
  });
});
