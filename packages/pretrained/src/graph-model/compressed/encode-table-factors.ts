import { assert, describe, type TableFactors, validateTableFactors } from '@ksub/core';
import {
  alignTo4,
  FACTOR_DTYPE_BYTES,
  type FactorArrayDescription,
  factorArrayLayout,
  type TableFactorsDescription,
} from './table-factors-description';

/**
 * Factors as stored: one buffer of little-endian arrays and the JSON that says what lies where.
 *
 * @example
 * ```ts
 * const { description, bytes }: EncodedTableFactors = encodeTableFactors(factors);
 * ```
 */
export interface EncodedTableFactors {
  /** Kind, shapes, and the dtype and byte range of every array; plain JSON. */
  readonly description: TableFactorsDescription;
  /** The arrays back to back, each starting at a multiple of 4 bytes, gaps zero. */
  readonly bytes: Uint8Array;
}

type Stored = Float32Array | Uint8Array | Uint16Array;

/**
 * Encodes a compressed token table (`TableFactors` of `@ksub/core`) as one binary buffer and a
 * JSON description, the inverse of {@link decodeTableFactors}. Floats are stored as float32 and
 * codes as they are held (uint8 or uint16), little-endian on every host, each array starting at a
 * multiple of 4 bytes. Pure: no Node APIs, so a browser loader can use it too.
 *
 * Low-rank factors store `a` [rows, rank], `b` [rank, cols] and `bias` [cols] when present;
 * sub-tables store `tables[j]` [sizes[j], widths[j]] for each j, then `codes` [rows, k].
 *
 * @param factors - consistent factors with finite values
 * @throws TypeError when `factors` is not an object or an array is not the typed array its field
 *   needs (Float32Array; Uint8Array or Uint16Array for codes); RangeError from
 *   `validateTableFactors` for inconsistent shapes or codes, or naming the array and element of a
 *   non-finite value
 * @example
 * ```ts
 * const { description, bytes } = encodeTableFactors({
 *   kind: 'low-rank', rows: 2, cols: 2, rank: 1, a: Float32Array.of(1, 2), b: Float32Array.of(3, 4),
 * });
 * description.byteLength; // 16 (= bytes.length)
 * ```
 */
export function encodeTableFactors(factors: TableFactors): EncodedTableFactors {
  const fn = 'encodeTableFactors';
  assert(
    typeof factors === 'object' && factors !== null,
    () => `${fn}: factors must be TableFactors; got ${describe(factors)}`,
    TypeError,
  );
  const floats = (name: string, value: unknown): Float32Array => {
    assert(
      value instanceof Float32Array,
      () => `${fn}: factors.${name} must be a Float32Array; got ${describe(value)}`,
      TypeError,
    );
    return value;
  };
  let values: Stored[];
  if (factors.kind === 'low-rank') {
    values = [floats('a', factors.a), floats('b', factors.b)];
    if (factors.bias !== undefined) values.push(floats('bias', factors.bias));
  } else if (factors.kind === 'sub-tables') {
    assert(
      Array.isArray(factors.tables),
      () => `${fn}: factors.tables must be a list of Float32Array; got ${describe(factors.tables)}`,
      TypeError,
    );
    values = factors.tables.map((t, j) => floats(`tables[${j}]`, t));
    const { codes } = factors;
    assert(
      codes instanceof Uint8Array || codes instanceof Uint16Array,
      () => `${fn}: factors.codes must be a Uint8Array or Uint16Array; got ${describe(codes)}`,
      TypeError,
    );
    values.push(codes);
  } else {
    values = [];
  }
  validateTableFactors(fn, factors);

  const layout =
    factors.kind === 'low-rank'
      ? factorArrayLayout({ ...factors, bias: factors.bias !== undefined })
      : factorArrayLayout({ ...factors, codes: factors.codes instanceof Uint8Array ? 'uint8' : 'uint16' });
  let at = 0;
  const arrays: FactorArrayDescription[] = layout.map((a, i) => {
    const byteOffset = alignTo4(at);
    const byteLength = (values[i] as Stored).length * FACTOR_DTYPE_BYTES[a.dtype];
    at = byteOffset + byteLength;
    return { ...a, byteOffset, byteLength };
  });
  const bytes = new Uint8Array(at);
  const view = new DataView(bytes.buffer);
  arrays.forEach((a, i) => {
    const v = values[i] as Stored;
    if (a.dtype === 'uint8') bytes.set(v, a.byteOffset);
    else if (a.dtype === 'uint16')
      for (let e = 0; e < v.length; e++) view.setUint16(a.byteOffset + 2 * e, v[e] as number, true);
    else
      for (let e = 0; e < v.length; e++) {
        const x = v[e] as number;
        if (!Number.isFinite(x))
          throw new RangeError(
            `${fn}: factors.${a.name} must hold finite values; got ${describe(x)} at element ${e}`,
          );
        view.setFloat32(a.byteOffset + 4 * e, x, true);
      }
  });
  const description: TableFactorsDescription =
    factors.kind === 'low-rank'
      ? {
          kind: 'low-rank',
          rows: factors.rows,
          cols: factors.cols,
          rank: factors.rank,
          byteLength: at,
          arrays,
        }
      : {
          kind: 'sub-tables',
          rows: factors.rows,
          cols: factors.widths.reduce((s, w) => s + w, 0),
          k: factors.k,
          widths: [...factors.widths],
          sizes: [...factors.sizes],
          byteLength: at,
          arrays,
        };
  return { description, bytes };
}
