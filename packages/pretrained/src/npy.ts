import { createEmbeddingMatrix, type EmbeddingMatrix, FormatError } from '@ksub/core';
import { writeFileAtomic } from '@ksub/core/node';
import { chunkBytesOf, type ChunkedReadOptions, readChunked, withReadHandle } from './chunked-read';
import { float16ToNumber } from './half-precision';
import { NPY_PREFIX_MAX, type NpyHeader, npyPrefixLength, parseNpyHeader } from './npy-header';

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY

/** Stores one chunk of values (stream elements `first`…) in row-major `data`. */
function decodeChunk(header: NpyHeader, chunk: Buffer, data: Float32Array, first: number): void {
  const { width, fortran, rows, cols } = header;
  const count = chunk.length / width;
  for (let i = 0; i < count; i++) {
    const k = first + i; // position in the file's order
    const at = fortran ? (k % rows) * cols + Math.floor(k / rows) : k;
    data[at] =
      width === 4
        ? chunk.readFloatLE(i * 4)
        : width === 8
          ? chunk.readDoubleLE(i * 8)
          : float16ToNumber(chunk.readUInt16LE(i * 2));
  }
}

/**
 * Reads a 2-D NumPy `.npy` array (format versions 1–3; little-endian float32, float64 or float16;
 * C or Fortran order) as a float32 embedding matrix, its data in chunks (an array may exceed the
 * 2 GiB one read allows).
 *
 * @throws FormatError naming the file for a bad magic, a truncated file, a header without
 *   `descr`, `fortran_order` and `shape`, an unsupported dtype, a shape that is not 2-D or
 *   holds something other than positive integers, or a size that does not match the header;
 *   an Error naming the file when the file system refuses (a directory, a missing file)
 * @throws RangeError when `options.chunkBytes` is not a positive multiple of 8 up to 2^31 − 8
 * @example
 * ```ts
 * const E = await readNpy('embeddings.npy');
 * ```
 */
export async function readNpy(path: string, options: ChunkedReadOptions = {}): Promise<EmbeddingMatrix> {
  const chunkBytes = chunkBytesOf('readNpy', options);
  const fail = (what: string): never => {
    throw new FormatError(`readNpy: ${path}: ${what}`);
  };
  return withReadHandle('read the .npy file', path, async (handle) => {
    const size = (await handle.stat()).size;
    const prefix = Buffer.alloc(Math.min(size, NPY_PREFIX_MAX));
    await readChunked(handle, path, 0, prefix.length, chunkBytes, (chunk, at) => chunk.copy(prefix, at));
    const { textStart, dataStart } = npyPrefixLength(prefix, fail);
    if (dataStart > size) fail(`truncated header: it ends at byte ${dataStart}; the file has ${size} bytes`);
    const text = Buffer.alloc(dataStart - textStart);
    await readChunked(handle, path, textStart, text.length, chunkBytes, (chunk, at) => chunk.copy(text, at));
    const header = parseNpyHeader(text.toString(prefix[6] === 3 ? 'utf8' : 'latin1'), dataStart, fail);
    const { rows, cols, width, descr } = header;
    const need = rows * cols * width;
    if (size - dataStart !== need)
      fail(`data holds ${size - dataStart} bytes; shape (${rows}, ${cols}) of ${descr} needs ${need}`);
    const data = new Float32Array(rows * cols);
    await readChunked(handle, path, dataStart, need, chunkBytes, (chunk, offset) =>
      decodeChunk(header, chunk, data, offset / width),
    );
    return createEmbeddingMatrix(rows, cols, data);
  });
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
