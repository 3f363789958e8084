import { type LowRankFactors, reconstructTable, type SubTableFactors } from '@ksub/core';
import { encodeTableFactors } from './encode-table-factors';

const lowRank: LowRankFactors = {
  kind: 'low-rank',
  rows: 3,
  cols: 2,
  rank: 1,
  a: Float32Array.of(1, 2, -0.5),
  b: Float32Array.of(3, 0.25),
};
const subTables: SubTableFactors = {
  kind: 'sub-tables',
  rows: 3,
  k: 2,
  widths: [1, 2],
  sizes: [2, 1],
  tables: [Float32Array.of(1, 2), Float32Array.of(3, 4)],
  codes: Uint8Array.of(0, 0, 1, 0, 1, 0),
};

describe('encodeTableFactors', () => {
  it('places a, b and bias as little-endian float32 at multiples of 4', () => {
    const { description, bytes } = encodeTableFactors({ ...lowRank, bias: Float32Array.of(7, 8) });
    expect(description).toEqual({
      kind: 'low-rank',
      rows: 3,
      cols: 2,
      rank: 1,
      byteLength: 28,
      arrays: [
        { name: 'a', dtype: 'float32', shape: [3, 1], byteOffset: 0, byteLength: 12 },
        { name: 'b', dtype: 'float32', shape: [1, 2], byteOffset: 12, byteLength: 8 },
        { name: 'bias', dtype: 'float32', shape: [2], byteOffset: 20, byteLength: 8 },
      ],
    });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect([0, 4, 8, 12, 16, 20, 24].map((o) => view.getFloat32(o, true))).toEqual([
      1, 2, -0.5, 3, 0.25, 7, 8,
    ]);
    expect(JSON.parse(JSON.stringify(description))).toEqual(description);
  });

  it('stores the sub-tables as float32, then the uint8 codes as they are', () => {
    const { description, bytes } = encodeTableFactors(subTables);
    expect(description).toEqual({
      kind: 'sub-tables',
      rows: 3,
      cols: 3,
      k: 2,
      widths: [1, 2],
      sizes: [2, 1],
      byteLength: 22,
      arrays: [
        { name: 'tables[0]', dtype: 'float32', shape: [2, 1], byteOffset: 0, byteLength: 8 },
        { name: 'tables[1]', dtype: 'float32', shape: [1, 2], byteOffset: 8, byteLength: 8 },
        { name: 'codes', dtype: 'uint8', shape: [3, 2], byteOffset: 16, byteLength: 6 },
      ],
    });
    expect(Array.from(bytes.subarray(16))).toEqual([0, 0, 1, 0, 1, 0]);
  });

  it('stores uint16 codes little-endian after a 4-byte gap', () => {
    const factors: SubTableFactors = {
      kind: 'sub-tables',
      rows: 2,
      k: 1,
      widths: [1],
      sizes: [300],
      tables: [new Float32Array(300).map((_, i) => i)],
      codes: Uint16Array.of(258, 299),
    };
    const { description, bytes } = encodeTableFactors(factors);
    expect(description.arrays[1]).toEqual({
      name: 'codes',
      dtype: 'uint16',
      shape: [2, 1],
      byteOffset: 1200,
      byteLength: 4,
    });
    expect(Array.from(bytes.subarray(1200))).toEqual([2, 1, 43, 1]);
  });

  it.each([
    ['a non-object', 42, TypeError, 'encodeTableFactors: factors must be TableFactors; got 42'],
    [
      'a plain array for a',
      { ...lowRank, a: [1, 2, 3] },
      TypeError,
      'encodeTableFactors: factors.a must be a Float32Array; got [1, 2, 3]',
    ],
    [
      'Int32Array codes',
      { ...subTables, codes: new Int32Array(6) },
      TypeError,
      'factors.codes must be a Uint8Array or Uint16Array',
    ],
    [
      'a wrong length',
      { ...lowRank, b: Float32Array.of(1) },
      RangeError,
      'encodeTableFactors: factors.b must hold rank·cols = 2 values; got 1',
    ],
    [
      'a code out of range',
      { ...subTables, codes: Uint8Array.of(0, 0, 2, 0, 1, 0) },
      RangeError,
      'token 1, sub-table 0 must be in [0, 2); got 2',
    ],
    [
      'a NaN',
      { ...lowRank, b: Float32Array.of(3, NaN) },
      RangeError,
      'encodeTableFactors: factors.b must hold finite values; got NaN at element 1',
    ],
  ])('refuses %s', (_, factors, ErrorType, message) => {
    const call = () => encodeTableFactors(factors as never);
    expect(call).toThrow(ErrorType);
    expect(call).toThrow(message);
  });

  it('leaves the factors alone', () => {
    const a = Float32Array.of(1, 2, -0.5);
    encodeTableFactors({ ...lowRank, a });
    expect(Array.from(a)).toEqual([1, 2, -0.5]);
    expect(reconstructTable(lowRank).data).toEqual(Float32Array.of(3, 0.25, 6, 0.5, -1.5, -0.125));
  });
});
