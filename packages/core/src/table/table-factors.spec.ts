import {
  codeArrayFor,
  factorBytes,
  factorParameters,
  type LowRankFactors,
  reconstructTable,
  type SubTableFactors,
  validateTableFactors,
} from './table-factors';

// E = A·B with A = [[1], [2]] (2 × 1) and B = [[3, 4]] (1 × 2): [[3, 4], [6, 8]].
const rankOne: LowRankFactors = {
  kind: 'low-rank',
  rows: 2,
  cols: 2,
  rank: 1,
  a: Float32Array.of(1, 2),
  b: Float32Array.of(3, 4),
};

// 3 tokens, k = 2 sub-tables: table 0 has 2 rows of width 2, table 1 has 3 rows of width 1.
//   table 0: row 0 = [1, 2], row 1 = [3, 4]
//   table 1: row 0 = [10], row 1 = [20], row 2 = [30]
//   codes: token 0 → (1, 2), token 1 → (0, 0), token 2 → (1, 1)
const subTables: SubTableFactors = {
  kind: 'sub-tables',
  rows: 3,
  k: 2,
  widths: [2, 1],
  sizes: [2, 3],
  tables: [Float32Array.of(1, 2, 3, 4), Float32Array.of(10, 20, 30)],
  codes: Uint8Array.of(1, 2, 0, 0, 1, 1),
};

describe('reconstructTable', () => {
  it('multiplies a 2 × 2 rank-1 product out by hand', () => {
    const e = reconstructTable(rankOne);
    expect([e.rows, e.cols]).toEqual([2, 2]);
    expect(Array.from(e.data)).toEqual([3, 4, 6, 8]);
  });

  it('adds the bias to every row', () => {
    const e = reconstructTable({ ...rankOne, bias: Float32Array.of(0.5, -1) });
    expect(Array.from(e.data)).toEqual([3.5, 3, 6.5, 7]);
  });

  it('sums over the rank: a rank-2 product', () => {
    // A = [[1, 0], [1, 1]], B = [[1, 2, 3], [4, 5, 6]] → [[1, 2, 3], [5, 7, 9]]
    const e = reconstructTable({
      kind: 'low-rank',
      rows: 2,
      cols: 3,
      rank: 2,
      a: Float32Array.of(1, 0, 1, 1),
      b: Float32Array.of(1, 2, 3, 4, 5, 6),
    });
    expect(Array.from(e.data)).toEqual([1, 2, 3, 5, 7, 9]);
  });

  it('concatenates the coded rows of each sub-table: 3 tokens, 2 sub-tables', () => {
    const e = reconstructTable(subTables);
    expect([e.rows, e.cols]).toEqual([3, 3]);
    expect(Array.from(e.data)).toEqual([3, 4, 30, 1, 2, 10, 3, 4, 20]);
  });

  it('reads Uint16 codes the same way', () => {
    const e = reconstructTable({ ...subTables, codes: Uint16Array.from(subTables.codes) });
    expect(Array.from(e.data)).toEqual([3, 4, 30, 1, 2, 10, 3, 4, 20]);
  });

  it('validates first, naming itself', () => {
    expect(() => reconstructTable({ ...rankOne, a: Float32Array.of(1) })).toThrow(
      new RangeError('reconstructTable: factors.a must hold rows·rank = 2 values; got 1'),
    );
  });
});

describe('factorParameters and factorBytes', () => {
  it('counts A, B and the bias of a low-rank table, 4 bytes each', () => {
    expect(factorParameters(rankOne)).toBe(4);
    expect(factorBytes(rankOne)).toBe(16);
    const biased = { ...rankOne, bias: Float32Array.of(0, 0) };
    expect(factorParameters(biased)).toBe(6);
    expect(factorBytes(biased)).toBe(24);
  });

  it('counts sub-table floats plus one byte per Uint8 code', () => {
    // floats: 2·2 + 3·1 = 7 → 28 bytes; codes: 3·2 = 6 bytes
    expect(factorParameters(subTables)).toBe(7);
    expect(factorBytes(subTables)).toBe(34);
  });

  it('counts two bytes per Uint16 code', () => {
    expect(factorBytes({ ...subTables, codes: Uint16Array.from(subTables.codes) })).toBe(28 + 12);
  });
});

describe('codeArrayFor', () => {
  it('uses one byte up to 256 rows, two above', () => {
    expect(codeArrayFor(1, 3)).toBeInstanceOf(Uint8Array);
    expect(codeArrayFor(256, 3)).toBeInstanceOf(Uint8Array);
    expect(codeArrayFor(257, 3)).toBeInstanceOf(Uint16Array);
    expect(codeArrayFor(65_536, 3)).toBeInstanceOf(Uint16Array);
    expect(codeArrayFor(256, 7).length).toBe(7);
  });

  it('rejects sizes no code array holds, naming the argument', () => {
    expect(() => codeArrayFor(65_537, 1)).toThrow(
      'codeArrayFor: maxSize must be an integer in [1, 65536]; got 65537',
    );
    expect(() => codeArrayFor(0, 1)).toThrow('codeArrayFor: maxSize must be an integer in [1, 65536]; got 0');
    expect(() => codeArrayFor(2, -1)).toThrow('codeArrayFor: length must be an integer >= 0; got -1');
  });
});

describe('validateTableFactors', () => {
  it('accepts consistent factors', () => {
    expect(() => validateTableFactors('f', rankOne)).not.toThrow();
    expect(() => validateTableFactors('f', subTables)).not.toThrow();
  });

  it('names the token and sub-table of a code out of range', () => {
    // token 1, sub-table 1 → 3, but sub-table 1 has 3 rows
    const codes = Uint8Array.of(1, 2, 0, 3, 1, 1);
    expect(() => validateTableFactors('f', { ...subTables, codes })).toThrow(
      new RangeError('f: factors.codes: token 1, sub-table 1 must be in [0, 3); got 3'),
    );
  });

  it.each([
    [{ b: Float32Array.of(1) }, 'f: factors.b must hold rank·cols = 2 values; got 1'],
    [{ bias: Float32Array.of(1) }, 'f: factors.bias must hold cols = 2 values; got 1'],
    [{ rank: 0 }, 'f: factors.rank must be an integer >= 1; got 0'],
    [{ rows: 1.5 }, 'f: factors.rows must be an integer >= 1; got 1.5'],
  ] as Array<[Partial<LowRankFactors>, string]>)('rejects low-rank %p', (patch, message) => {
    expect(() => validateTableFactors('f', { ...rankOne, ...patch })).toThrow(message);
  });

  it.each([
    [{ codes: Uint8Array.of(0, 0) }, 'f: factors.codes must hold rows·k = 6 codes; got 2'],
    [{ widths: [2] }, 'f: factors.widths, sizes and tables must each have k = 2 entries; got 1, 2, 2'],
    [{ sizes: [2, 4] }, 'f: factors.tables[1] must hold sizes[1]·widths[1] = 4 values; got 3'],
    [{ widths: [2, 0] }, 'f: factors.widths[1] must be an integer >= 1; got 0'],
  ] as Array<[Partial<SubTableFactors>, string]>)('rejects sub-tables %p', (patch, message) => {
    expect(() => validateTableFactors('f', { ...subTables, ...patch })).toThrow(message);
  });

  it('rejects wrong array types and kinds with the right error class', () => {
    const int32 = { ...subTables, codes: Int32Array.of(1, 2, 0, 0, 1, 1) } as unknown as SubTableFactors;
    expect(() => validateTableFactors('f', int32)).toThrow(
      new TypeError('f: factors.codes must be a Uint8Array or Uint16Array; got Int32Array(length 6)'),
    );
    const float64 = { ...rankOne, a: Float64Array.of(1, 2) } as unknown as LowRankFactors;
    expect(() => validateTableFactors('f', float64)).toThrow(
      new TypeError('f: factors.a must be a Float32Array; got Float64Array(length 2)'),
    );
    const kind = { ...rankOne, kind: 'dense' } as unknown as LowRankFactors;
    expect(() => validateTableFactors('f', kind)).toThrow(
      new RangeError(`f: factors.kind must be 'low-rank' or 'sub-tables'; got "dense"`),
    );
  });
});
