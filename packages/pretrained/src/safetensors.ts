import type { FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { createEmbeddingMatrix, describe, type EmbeddingMatrix, FormatError } from '@ksub/core';
import { writeFileAtomic } from '@ksub/core/node';
import {
  chunkBytesOf,
  type ChunkedReadOptions,
  MAX_CHUNK_BYTES,
  readChunked,
  withReadHandle,
} from './chunked-read';
import { bfloat16ToNumber, float16ToNumber } from './half-precision';
import { checkSafetensorsHeader, type SafetensorsEntry } from './safetensors-header';

export type { SafetensorsEntry } from './safetensors-header';

/** The action named when the file system refuses (`cannot read the safetensors file …`). */
const READ = 'read the safetensors file';
const BYTES: Readonly<Record<string, number>> = { F32: 4, F16: 2, BF16: 2, F64: 8 };

/** The checked header of an open file and where its data section starts. */
async function readHeader(
  handle: FileHandle,
  path: string,
): Promise<{ index: Record<string, SafetensorsEntry>; dataStart: number }> {
  const fail = (what: string): never => {
    throw new FormatError(`safetensors: ${path}: ${what}`);
  };
  const size = (await handle.stat()).size;
  const head = Buffer.alloc(8);
  if (size < 8 || (await handle.read(head, 0, 8, 0)).bytesRead < 8)
    fail('truncated before the header length');
  const length = Number(head.readBigUInt64LE(0));
  if (length > size - 8 || length > 100 * 1024 * 1024)
    fail(`header length ${length} exceeds the file (${size} bytes)`);
  const json = Buffer.alloc(length);
  await readChunked(handle, path, 8, length, MAX_CHUNK_BYTES, (chunk, offset) => chunk.copy(json, offset));
  let header: unknown;
  try {
    header = JSON.parse(json.toString('utf8'));
  } catch (error) {
    fail(`malformed header (${(error as Error).message})`);
  }
  return { index: checkSafetensorsHeader(header, size - 8 - length, fail), dataStart: 8 + length };
}

/**
 * The tensors a `.safetensors` file holds (name → dtype, shape, byte range), read from its header
 * only: u64 LE header length, then that many bytes of JSON.
 *
 * @throws FormatError naming the file (and the tensor and its values) for a truncated file, a
 *   header that is not JSON, or an entry that breaks the format (see `checkSafetensorsHeader`)
 * @example
 * ```ts
 * Object.keys(await safetensorsIndex('model.safetensors')); // ['roberta.embeddings.word_embeddings.weight', …]
 * ```
 */
export async function safetensorsIndex(path: string): Promise<Record<string, SafetensorsEntry>> {
  return withReadHandle(READ, path, async (handle) => (await readHeader(handle, path)).index);
}

const LITTLE_ENDIAN = endianness() === 'LE';

/** Converts one chunk of little-endian values into `data`, from element `first` on. */
function decodeChunk(dtype: string, chunk: Buffer, data: Float32Array, first: number): void {
  const count = chunk.length / (BYTES[dtype] as number);
  const aligned = LITTLE_ENDIAN && chunk.byteOffset % 8 === 0; // a fresh Buffer.alloc starts at 0
  if (dtype === 'F32' || dtype === 'F64') {
    if (aligned) {
      const { buffer, byteOffset } = chunk;
      data.set(
        dtype === 'F32'
          ? new Float32Array(buffer, byteOffset, count)
          : new Float64Array(buffer, byteOffset, count),
        first,
      );
    } else if (dtype === 'F32') {
      for (let i = 0; i < count; i++) data[first + i] = chunk.readFloatLE(i * 4);
    } else {
      for (let i = 0; i < count; i++) data[first + i] = chunk.readDoubleLE(i * 8);
    }
    return;
  }
  const toNumber = dtype === 'F16' ? float16ToNumber : bfloat16ToNumber;
  for (let i = 0; i < count; i++) data[first + i] = toNumber(chunk.readUInt16LE(i * 2));
}

/**
 * Reads one 2-D tensor of a Hugging Face `.safetensors` checkpoint as an embedding matrix (F32,
 * F16, BF16 or F64, converted to float32), reading only that tensor's bytes, in chunks (a tensor
 * may exceed the 2 GiB one read allows). By default the token embedding of a RoBERTa/XLM-R/BERT
 * checkpoint: the first of `roberta.embeddings.word_embeddings.weight`,
 * `embeddings.word_embeddings.weight`, `bert.embeddings.word_embeddings.weight` present.
 *
 * @throws FormatError naming the file and tensor for a missing tensor, an unsupported dtype, a shape
 *   that is not 2-D or is empty, a malformed header (see {@link safetensorsIndex}) or a file that
 *   ends early
 * @throws RangeError when `options.chunkBytes` is not a positive multiple of 8 up to 2^31 − 8
 * @example
 * ```ts
 * const E = await readSafetensors('roberta-base/model.safetensors'); // 50265 × 768
 * ```
 */
export async function readSafetensors(
  path: string,
  tensor?: string,
  options: ChunkedReadOptions = {},
): Promise<EmbeddingMatrix> {
  const chunkBytes = chunkBytesOf('readSafetensors', options);
  const fail = (what: string): never => {
    throw new FormatError(`safetensors: ${path}: ${what}`);
  };
  return withReadHandle(READ, path, async (handle) => {
    const { index, dataStart } = await readHeader(handle, path);
    const defaults = [
      'roberta.embeddings.word_embeddings.weight',
      'embeddings.word_embeddings.weight',
      'bert.embeddings.word_embeddings.weight',
    ];
    const name = tensor ?? defaults.find((d) => d in index);
    const entry = name === undefined ? undefined : index[name];
    if (name === undefined || entry === undefined)
      return fail(
        `no tensor ${describe(tensor ?? defaults.join(' | '))}; it has ${Object.keys(index).slice(0, 10).join(', ')}`,
      );
    const width = BYTES[entry.dtype];
    if (width === undefined)
      fail(`tensor ${describe(name)} has dtype ${entry.dtype}; supported: ${Object.keys(BYTES).join(', ')}`);
    if (entry.shape.length !== 2)
      fail(`tensor ${describe(name)} has shape [${entry.shape.join(', ')}]; an embedding matrix is 2-D`);
    const [rows = 0, cols = 0] = entry.shape;
    if (rows === 0 || cols === 0)
      fail(
        `tensor ${describe(name)} has shape [${rows}, ${cols}]; an embedding matrix needs at least one row and one column`,
      );
    const [begin, end] = entry.data_offsets; // checked against the shape and the file by readHeader
    const data = new Float32Array(rows * cols);
    await readChunked(handle, path, dataStart + begin, end - begin, chunkBytes, (chunk, offset) =>
      decodeChunk(entry.dtype, chunk, data, offset / (width as number)),
    );
    return createEmbeddingMatrix(rows, cols, data);
  });
}

/**
 * Writes float32 tensors as a `.safetensors` file (atomically), e.g. to hand a trained or compressed
 * embedding to Hugging Face tools.
 *
 * @example
 * ```ts
 * await writeSafetensors('out.safetensors', { 'embeddings.word_embeddings.weight': matrix });
 * ```
 */
export async function writeSafetensors(
  path: string,
  tensors: Readonly<Record<string, EmbeddingMatrix>>,
): Promise<void> {
  const header: Record<string, SafetensorsEntry> = {};
  let offset = 0;
  for (const [name, m] of Object.entries(tensors)) {
    header[name] = {
      dtype: 'F32',
      shape: [m.rows, m.cols],
      data_offsets: [offset, offset + m.data.length * 4],
    };
    offset += m.data.length * 4;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8); // align the data to 8 bytes, as the reference writer does
  const head = Buffer.alloc(8);
  head.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
  const parts = [
    head,
    Buffer.from(json, 'utf8'),
    ...Object.values(tensors).map((m) => Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength)),
  ];
  await writeFileAtomic(path, Buffer.concat(parts));
}
