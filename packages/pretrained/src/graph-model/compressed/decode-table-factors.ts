import { describe, FormatError, type TableFactors, validateTableFactors } from '@ksub/core';
import { FACTOR_DTYPE_BYTES, type FactorArrayLayout, factorArrayLayout } from './table-factors-description';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown, min: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
const sameShape = (a: unknown, b: readonly number[]): boolean =>
  Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Decodes factors written by {@link encodeTableFactors}: reads each array from `bytes` as the
 * description places it (copies, so the result does not share `bytes`' memory) and checks the
 * whole against the kind's layout — arrays named, typed and shaped as the encoder writes them, in
 * its order, without overlap, inside the buffer — and with `validateTableFactors` (codes in
 * range). A description that came from a file is untrusted: nothing is allocated beyond what
 * `bytes` holds. Pure: no Node APIs.
 *
 * @param description - the parsed JSON description (a `TableFactorsDescription` once checked)
 * @param bytes - the buffer, exactly `description.byteLength` bytes
 * @param where - start of error messages, e.g. `readCompressedGraphModel: model/ksub-table.json:
 *   weight "module/Embeddings_en"`; default `decodeTableFactors`
 * @throws FormatError starting with `where` when the description is malformed or inconsistent,
 *   `bytes` is not as long as it says (truncated), or a code is out of range; TypeError when
 *   `bytes` is not a Uint8Array
 * @example
 * ```ts
 * const { description, bytes } = encodeTableFactors(factors);
 * const back = decodeTableFactors(JSON.parse(JSON.stringify(description)), bytes);
 * reconstructTable(back); // the same table as reconstructTable(factors)
 * ```
 */
export function decodeTableFactors(
  description: unknown,
  bytes: Uint8Array,
  where = 'decodeTableFactors',
): TableFactors {
  const fail = (what: string): never => {
    throw new FormatError(`${where}: ${what}`);
  };
  if (!(bytes instanceof Uint8Array))
    throw new TypeError(`${where}: bytes must be a Uint8Array; got ${describe(bytes)}`);
  if (!isObject(description))
    return fail(`the factor description must be an object; got ${describe(description)}`);
  const d = description;
  const count = (key: string, min = 1): number =>
    isCount(d[key], min)
      ? d[key]
      : fail(`factors.${key} must be an integer ≥ ${min}; got ${describe(d[key])}`);
  const counts = (key: string, length: number, max: number): number[] => {
    const v = d[key];
    if (!Array.isArray(v) || v.length !== length || !v.every((x) => isCount(x, 1) && x <= max))
      fail(`factors.${key} must list k = ${length} integers in [1, ${max}]; got ${describe(v)}`);
    return v as number[];
  };

  const rows = count('rows');
  const cols = count('cols');
  const byteLength = count('byteLength', 0);
  if (!Array.isArray(d.arrays)) return fail(`factors.arrays must be a list; got ${describe(d.arrays)}`);
  const arrays = d.arrays as unknown[];
  if (byteLength !== bytes.length)
    fail(
      `the factors need ${byteLength} bytes; the data holds ${bytes.length}${bytes.length < byteLength ? ' (truncated)' : ''}`,
    );
  const codeDtype = (): 'uint8' | 'uint16' => {
    const last = arrays[arrays.length - 1];
    const dtype = isObject(last) ? last.dtype : undefined;
    return dtype === 'uint8' || dtype === 'uint16'
      ? dtype
      : fail(`factors.arrays: the codes must be uint8 or uint16; got ${describe(dtype)}`);
  };
  let layout: FactorArrayLayout[];
  if (d.kind === 'low-rank') {
    const rank = count('rank');
    const bias = arrays.length === 3;
    layout = factorArrayLayout({ kind: 'low-rank', rows, cols, rank, bias });
  } else if (d.kind === 'sub-tables') {
    const k = count('k');
    const widths = counts('widths', k, cols);
    const sizes = counts('sizes', k, 65_536);
    const sum = widths.reduce((s, w) => s + w, 0);
    if (sum !== cols) fail(`factors.widths sum to ${sum}; factors.cols is ${cols}`);
    layout = factorArrayLayout({ kind: 'sub-tables', rows, widths, sizes, codes: codeDtype() });
  } else {
    return fail(`factors.kind must be "low-rank" or "sub-tables"; got ${describe(d.kind)}`);
  }
  if (arrays.length !== layout.length)
    fail(
      `factors.arrays must list ${layout.map((a) => a.name).join(', ')}${d.kind === 'low-rank' ? ' (and bias, optionally)' : ''}; got ${arrays.length} arrays`,
    );

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = 0;
  const values = layout.map((want, i) => {
    const got = arrays[i];
    const at = `factors.arrays[${i}]`;
    if (!isObject(got)) return fail(`${at} must be an object; got ${describe(got)}`);
    if (got.name !== want.name) fail(`${at} must be ${describe(want.name)}; got ${describe(got.name)}`);
    const named = `${at} (${want.name})`;
    if (got.dtype !== want.dtype) fail(`${named} must have dtype ${want.dtype}; got ${describe(got.dtype)}`);
    if (!sameShape(got.shape, want.shape))
      fail(`${named} must have shape [${want.shape.join(', ')}]; got ${describe(got.shape)}`);
    const length = want.shape.reduce((a, b) => a * b, 1);
    const size = length * FACTOR_DTYPE_BYTES[want.dtype];
    const { byteOffset: offset, byteLength: stored } = got;
    if (stored !== size)
      fail(
        `${named} must take ${length} × ${FACTOR_DTYPE_BYTES[want.dtype]} = ${size} bytes; got byteLength ${describe(stored)}`,
      );
    if (!isCount(offset, end) || offset + size > byteLength)
      fail(
        `${named} must lie after the previous array (byte ${end}) and inside the ${byteLength} bytes; got byteOffset ${describe(offset)} for ${size} bytes`,
      );
    const from = offset as number;
    end = from + size;
    if (want.dtype === 'uint8') return bytes.slice(from, end);
    if (want.dtype === 'uint16') {
      const out = new Uint16Array(length);
      for (let e = 0; e < length; e++) out[e] = view.getUint16(from + 2 * e, true);
      return out;
    }
    const out = new Float32Array(length);
    for (let e = 0; e < length; e++) out[e] = view.getFloat32(from + 4 * e, true);
    return out;
  });

  const factors: TableFactors =
    d.kind === 'low-rank'
      ? {
          kind: 'low-rank',
          rows,
          cols,
          rank: d.rank as number,
          a: values[0] as Float32Array,
          b: values[1] as Float32Array,
          ...(values.length === 3 ? { bias: values[2] as Float32Array } : {}),
        }
      : {
          kind: 'sub-tables',
          rows,
          k: d.k as number,
          widths: [...(d.widths as number[])],
          sizes: [...(d.sizes as number[])],
          tables: values.slice(0, -1) as Float32Array[],
          codes: values[values.length - 1] as Uint8Array | Uint16Array,
        };
  try {
    validateTableFactors(where, factors);
  } catch (error) {
    throw new FormatError((error as Error).message, { cause: error });
  }
  return factors;
}
