import { readFile } from 'node:fs/promises';
import { createEmbeddingMatrix, type EmbeddingMatrix, FormatError, writeFileAtomic } from '@ksub/core';
import { float16ToNumber } from './half-precision';

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY

/**
 * Reads a 2-D NumPy `.npy` array (format versions 1–3; little-endian float32, float64 or float16;
 * C or Fortran order) as a float32 embedding matrix.
 *
 * @throws FormatError naming the file for a bad magic, an unsupported dtype or rank, or a size that
 *   does not match the header
 * @example
 * ```ts
 * const E = await readNpy('embeddings.npy');
 * ```
 */
export async function readNpy(path: string): Promise<EmbeddingMatrix> {
  const fail = (what: string): never => {
    throw new FormatError(`readNpy: ${path}: ${what}`);
  };
  const buf = await readFile(path);
  if (buf.length < 10 || !buf.subarray(0, 6).equals(MAGIC)) fail('not a .npy file (bad magic)');
  const major = buf[6] as number;
  if (major < 1 || major > 3) fail(`unsupported format version ${major}`);
  const headerLength = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLength;
  if (start > buf.length) fail('truncated header');
  const header = buf.toString(major === 3 ? 'utf8' : 'latin1', major === 1 ? 10 : 12, start);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1] === 'True';
  const shape = /'shape':\s*\(([^)]*)\)/
    .exec(header)?.[1]
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  if (descr === undefined || shape === undefined) fail(`malformed header ${JSON.stringify(header.trim())}`);
  const widths: Record<string, number> = { '<f4': 4, '<f8': 8, '<f2': 2 };
  const width = widths[descr as string];
  if (width === undefined)
    fail(`dtype ${descr} is not supported; use little-endian float32, float64 or float16`);
  if ((shape as number[]).length !== 2) fail(`shape (${(shape as number[]).join(', ')}) is not 2-D`);
  const [rows = 0, cols = 0] = shape as number[];
  const need = rows * cols * (width as number);
  if (buf.length - start !== need)
    fail(`data holds ${buf.length - start} bytes; shape (${rows}, ${cols}) of ${descr} needs ${need}`);
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const index = fortran ? c * rows + r : r * cols + c;
      const at = start + index * (width as number);
      data[r * cols + c] =
        width === 4
          ? buf.readFloatLE(at)
          : width === 8
            ? buf.readDoubleLE(at)
            : float16ToNumber(buf.readUInt16LE(at));
    }
  }
  return createEmbeddingMatrix(rows, cols, data);
}

/**
 * Writes an embedding matrix as a version-1 `.npy` file of little-endian float32 (atomically).
 *
 * @example
 * ```ts
 * await writeNpy('embeddings.npy', matrix); // numpy.load('embeddings.npy').shape == (rows, cols)
 * ```
 */
export async function writeNpy(path: string, matrix: EmbeddingMatrix): Promise<void> {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${matrix.rows}, ${matrix.cols}), }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const prefix = Buffer.alloc(10);
  MAGIC.copy(prefix, 0);
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  const data = Buffer.from(matrix.data.buffer, matrix.data.byteOffset, matrix.data.byteLength);
  await writeFileAtomic(path, Buffer.concat([prefix, Buffer.from(header, 'latin1'), data]));
}
