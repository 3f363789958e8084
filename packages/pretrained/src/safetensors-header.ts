import { describe } from '@ksub/core';

/** One tensor's entry in a safetensors header. */
export interface SafetensorsEntry {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data_offsets: readonly [number, number];
}

/**
 * Bytes per element of the safetensors dtypes that are whole bytes wide. A tensor of another
 * dtype (a future or sub-byte one) is listed without its length checked; no reader here reads it.
 */
export const SAFETENSORS_DTYPE_BYTES: Readonly<Record<string, number>> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  F8_E8M0: 1,
  U16: 2,
  I16: 2,
  F16: 2,
  BF16: 2,
  U32: 4,
  I32: 4,
  F32: 4,
  U64: 8,
  I64: 8,
  F64: 8,
};

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function checkEntry(
  name: string,
  entry: unknown,
  dataBytes: number,
  fail: (what: string) => never,
): SafetensorsEntry {
  const tensor = `tensor ${describe(name)}`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    fail(`${tensor} must be an object with dtype, shape and data_offsets; got ${describe(entry)}`);
  const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
  if (typeof dtype !== 'string') fail(`${tensor}: dtype must be a string; got ${describe(dtype)}`);
  if (!Array.isArray(shape) || !shape.every(isCount))
    fail(`${tensor}: shape ${describe(shape)} must be a list of non-negative integers`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount))
    fail(`${tensor}: data_offsets ${describe(offsets)} must be two non-negative integers`);
  const [begin, end] = offsets as [number, number];
  const at = `${tensor}: data_offsets [${begin}, ${end}]`;
  if (end < begin) fail(`${at} end before they begin`);
  if (end > dataBytes)
    fail(`${at} runs past the end of the file (its data section holds ${dataBytes} bytes)`);
  const dims = shape as number[];
  const width = SAFETENSORS_DTYPE_BYTES[dtype as string];
  const count = dims.reduce((a, b) => a * b, 1);
  if (width !== undefined && end - begin !== count * width)
    fail(`${at} span ${end - begin} bytes; shape [${dims.join(', ')}] of ${dtype} needs ${count * width}`);
  return { dtype: dtype as string, shape: dims, data_offsets: [begin, end] };
}

/**
 * Checks the parsed JSON header of a safetensors file and returns its tensors. Every entry must
 * have a string `dtype`, a `shape` of non-negative integers and `data_offsets` of two
 * non-negative integers, begin ≤ end ≤ the data section's size, spanning the shape's element
 * count × the dtype's width (for the dtypes of {@link SAFETENSORS_DTYPE_BYTES}), and no two
 * tensors may share bytes, as the reference implementation requires. Offsets count from the end
 * of the header, so a negative one would point into the header itself.
 *
 * @param header - the parsed header JSON
 * @param dataBytes - bytes in the file after the header
 * @param fail - throws (a FormatError naming the file)
 * @example
 * ```ts
 * checkSafetensorsHeader({ w: { dtype: 'F32', shape: [1, 2], data_offsets: [0, 8] } }, 8, fail); // { w: … }
 * ```
 */
export function checkSafetensorsHeader(
  header: unknown,
  dataBytes: number,
  fail: (what: string) => never,
): Record<string, SafetensorsEntry> {
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    fail(`the header must be a JSON object; got ${describe(header)}`);
  const out: Record<string, SafetensorsEntry> = {};
  for (const [name, entry] of Object.entries(header as object)) {
    if (name !== '__metadata__') out[name] = checkEntry(name, entry, dataBytes, fail);
  }
  const spans = Object.entries(out)
    .filter(([, e]) => e.data_offsets[1] > e.data_offsets[0])
    .sort(([, a], [, b]) => a.data_offsets[0] - b.data_offsets[0]);
  spans.forEach(([name, e], i) => {
    const before = spans[i - 1];
    if (before !== undefined && e.data_offsets[0] < before[1].data_offsets[1])
      fail(
        `tensor ${describe(name)}: data_offsets [${e.data_offsets.join(', ')}] overlap those of tensor ${describe(before[0])} [${before[1].data_offsets.join(', ')}]`,
      );
  });
  return out;
}
