import {
  FormatError,
  type LowRankFactors,
  reconstructTable,
  type SubTableFactors,
  type TableFactors,
} from '@ksub/core';
import { decodeTableFactors } from './decode-table-factors';
import { encodeTableFactors } from './encode-table-factors';

const lowRank: LowRankFactors = {
  kind: 'low-rank',
  rows: 5,
  cols: 3,
  rank: 2,
  a: Float32Array.of(1, -2, 0.5, 3, 1e-20, 7, -0, 1, 2.5, 2.5),
  b: Float32Array.of(0.1, 0.2, 0.3, -4, 5, 1e30),
  bias: Float32Array.of(-1, 0, 1),
};
const subTables: SubTableFactors = {
  kind: 'sub-tables',
  rows: 4,
  k: 3,
  widths: [2, 1, 3],
  sizes: [3, 1, 2],
  tables: [Float32Array.of(1, 2, 3, 4, 5, 6), Float32Array.of(-7), Float32Array.of(8, 9, 10, 11, 12, 13)],
  codes: Uint8Array.of(0, 0, 1, 2, 0, 0, 1, 0, 1, 2, 0, 1),
};
/** Through JSON and a copy of the bytes at an odd offset of a larger buffer, as a file would be. */
function roundTrip(factors: TableFactors): TableFactors {
  const { description, bytes } = encodeTableFactors(factors);
  const shifted = new Uint8Array(bytes.length + 3);
  shifted.set(bytes, 3);
  return decodeTableFactors(JSON.parse(JSON.stringify(description)), shifted.subarray(3));
}
const encoded = (factors: TableFactors) => {
  const { description, bytes } = encodeTableFactors(factors);
  return { description: JSON.parse(JSON.stringify(description)) as Record<string, unknown>, bytes };
};

describe('decodeTableFactors round trip', () => {
  it.each([
    ['low rank with bias', lowRank],
    ['low rank without bias', { ...lowRank, bias: undefined }],
    ['sub-tables, uint8 codes', subTables],
    [
      'sub-tables, uint16 codes',
      {
        ...subTables,
        k: 1,
        widths: [2],
        sizes: [400],
        tables: [new Float32Array(800).map((_, i) => i / 3)],
        codes: Uint16Array.of(0, 399, 256, 17),
      },
    ],
  ])('gives back %s exactly, and the same table', (_, factors) => {
    const back = roundTrip(factors as TableFactors);
    const want = { ...factors } as Record<string, unknown>;
    if (want.bias === undefined) delete want.bias;
    expect(back).toEqual(want);
    expect(Object.getPrototypeOf((back as SubTableFactors).codes ?? Float32Array.of())).toBe(
      Object.getPrototypeOf((factors as SubTableFactors).codes ?? Float32Array.of()),
    );
    expect(reconstructTable(back).data).toEqual(reconstructTable(factors as TableFactors).data);
  });

  it('copies: changing the buffer afterwards does not change the factors', () => {
    const { description, bytes } = encodeTableFactors(subTables);
    const back = decodeTableFactors(description, bytes) as SubTableFactors;
    bytes.fill(0);
    expect(back).toEqual(subTables);
  });
});

describe('decodeTableFactors on a bad description or buffer', () => {
  const low = encoded(lowRank);
  const sub = encoded(subTables);
  const arrays = (e: { description: Record<string, unknown> }) =>
    e.description.arrays as Array<Record<string, unknown>>;
  const withArray = (e: typeof low, i: number, change: Record<string, unknown>) => ({
    ...e.description,
    arrays: arrays(e).map((a, j) => (j === i ? { ...a, ...change } : a)),
  });

  it.each([
    ['not an object', null, low.bytes, 'the factor description must be an object; got null'],
    [
      'an unknown kind',
      { ...low.description, kind: 'svd' },
      low.bytes,
      'factors.kind must be "low-rank" or "sub-tables"; got "svd"',
    ],
    [
      'a fractional rank',
      { ...low.description, rank: 1.5 },
      low.bytes,
      'factors.rank must be an integer ≥ 1; got 1.5',
    ],
    [
      'a truncated buffer',
      low.description,
      low.bytes.subarray(0, 50),
      'the factors need 76 bytes; the data holds 50 (truncated)',
    ],
    ['a longer buffer', low.description, new Uint8Array(78), 'the factors need 76 bytes; the data holds 78'],
    [
      'a missing array',
      { ...low.description, arrays: arrays(low).slice(0, 1) },
      low.bytes,
      'factors.arrays must list a, b (and bias, optionally); got 1 arrays',
    ],
    [
      'arrays in another order',
      { ...low.description, arrays: [arrays(low)[1], arrays(low)[0], arrays(low)[2]] },
      low.bytes,
      'factors.arrays[0] must be "a"; got "b"',
    ],
    [
      'a wrong shape',
      withArray(low, 0, { shape: [2, 5] }),
      low.bytes,
      'factors.arrays[0] (a) must have shape [5, 2]; got [2, 5]',
    ],
    [
      'a wrong dtype',
      withArray(low, 1, { dtype: 'float16' }),
      low.bytes,
      'factors.arrays[1] (b) must have dtype float32; got "float16"',
    ],
    [
      'a wrong byteLength',
      withArray(low, 1, { byteLength: 20 }),
      low.bytes,
      'factors.arrays[1] (b) must take 6 × 4 = 24 bytes; got byteLength 20',
    ],
    [
      'overlapping arrays',
      withArray(low, 1, { byteOffset: 36 }),
      low.bytes,
      'factors.arrays[1] (b) must lie after the previous array (byte 40) and inside the 76 bytes; got byteOffset 36',
    ],
    [
      'an array past the end',
      withArray(low, 2, { byteOffset: 68 }),
      low.bytes,
      'factors.arrays[2] (bias) must lie after the previous array (byte 64) and inside the 76 bytes; got byteOffset 68',
    ],
    [
      'widths that do not sum to cols',
      { ...sub.description, cols: 7 },
      sub.bytes,
      'factors.widths sum to 6; factors.cols is 7',
    ],
    [
      'sizes of the wrong length',
      { ...sub.description, sizes: [3, 1] },
      sub.bytes,
      'factors.sizes must list k = 3 integers in [1, 65536]; got [3, 1]',
    ],
    [
      'float codes',
      withArray(sub, 3, { dtype: 'float32' }),
      sub.bytes,
      'factors.arrays: the codes must be uint8 or uint16; got "float32"',
    ],
    [
      'a code out of range',
      sub.description,
      (() => {
        const b = sub.bytes.slice();
        b[sub.bytes.length - 1] = 9;
        return b;
      })(),
      'factors.codes: token 3, sub-table 2 must be in [0, 2); got 9',
    ],
  ])('names the fault: %s', (_, description, bytes, message) => {
    const call = () => decodeTableFactors(description, bytes, 'read: t.json: weight "e"');
    expect(call).toThrow(FormatError);
    expect(call).toThrow(`read: t.json: weight "e": ${message}`);
  });

  it('starts messages with decodeTableFactors by default, and refuses bytes that are not a Uint8Array', () => {
    expect(() => decodeTableFactors({ ...low.description, kind: 1 }, low.bytes)).toThrow(
      'decodeTableFactors: factors.kind must be "low-rank" or "sub-tables"; got 1',
    );
    expect(() => decodeTableFactors(low.description, [1, 2] as never)).toThrow(TypeError);
  });
});
