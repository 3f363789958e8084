/** What a `.npy` header says about the array that follows it. */
export interface NpyHeader {
  /** The dtype as written (`<f4`). */
  readonly descr: string;
  /** Bytes per value: 2, 4 or 8. */
  readonly width: number;
  /** True when columns are stored one after another. */
  readonly fortran: boolean;
  readonly rows: number;
  readonly cols: number;
  /** Byte offset of the first value. */
  readonly dataStart: number;
}

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY
const WIDTHS: Readonly<Record<string, number>> = { '<f4': 4, '<f8': 8, '<f2': 2 };

/**
 * Bytes before the header text: magic, version, header length (2 bytes in version 1, 4 after).
 * Reading this many bytes (or the whole file, when shorter) is enough for {@link npyPrefixLength}.
 */
export const NPY_PREFIX_MAX = 12;

/**
 * Checks the magic and version of a `.npy` file and returns where its header text ends.
 *
 * @param prefix - the first {@link NPY_PREFIX_MAX} bytes of the file, or all of it when shorter
 * @param fail - throws (a FormatError naming the file)
 * @example
 * ```ts
 * npyPrefixLength(first12Bytes, fail); // { textStart: 10, dataStart: 128 }
 * ```
 */
export function npyPrefixLength(
  prefix: Buffer,
  fail: (what: string) => never,
): { textStart: number; dataStart: number } {
  if (prefix.length < 8 || !prefix.subarray(0, 6).equals(MAGIC)) fail('not a .npy file (bad magic)');
  const major = prefix[6] as number;
  if (major < 1 || major > 3) fail(`unsupported format version ${major}`);
  const textStart = major === 1 ? 10 : 12;
  if (prefix.length < textStart)
    fail(`truncated: the file ends at byte ${prefix.length}, inside the header length`);
  const headerLength = major === 1 ? prefix.readUInt16LE(8) : prefix.readUInt32LE(8);
  return { textStart, dataStart: textStart + headerLength };
}

/**
 * Parses a `.npy` header text (a Python dict literal) for a 2-D little-endian float array. Like
 * NumPy, it requires all of `descr`, `fortran_order` and `shape`.
 *
 * @param text - the header text
 * @param dataStart - byte offset of the first value
 * @param fail - throws (a FormatError naming the file)
 * @example
 * ```ts
 * parseNpyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", 64, fail).rows; // 3
 * ```
 */
export function parseNpyHeader(text: string, dataStart: number, fail: (what: string) => never): NpyHeader {
  const descr = /'descr':\s*'([^']+)'/.exec(text)?.[1];
  const order = /'fortran_order':\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || order === undefined || shapeText === undefined)
    return fail(
      `malformed header ${JSON.stringify(text.trim())}; it needs 'descr', 'fortran_order' and 'shape'`,
    );
  const width = WIDTHS[descr];
  if (width === undefined)
    return fail(`dtype ${descr} is not supported; use little-endian float32, float64 or float16`);
  const parts = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const shown = `(${parts.join(', ')})`;
  if (!parts.every((s) => /^\d+$/.test(s) && Number.isSafeInteger(Number(s))))
    fail(`shape ${shown} must hold non-negative integers`);
  if (parts.length !== 2) fail(`shape ${shown} is not 2-D`);
  const [rows, cols] = parts.map(Number) as [number, number];
  if (rows === 0 || cols === 0)
    fail(`shape ${shown} has no values; an embedding matrix needs at least one row and one column`);
  return { descr, width, fortran: order === 'True', rows, cols, dataStart };
}
