import { open } from 'node:fs/promises';
import {
  createEmbeddingMatrix,
  describe,
  type EmbeddingMatrix,
  FormatError,
  writeFileAtomic,
} from '@ksub/core';
import { bfloat16ToNumber, float16ToNumber } from './half-precision';

/** One tensor's entry in a safetensors header. */
export interface SafetensorsEntry {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data_offsets: readonly [number, number];
}

const BYTES: Readonly<Record<string, number>> = { F32: 4, F16: 2, BF16: 2, F64: 8 };

/**
 * The tensors a `.safetensors` file holds (name → dtype, shape, byte range), read from its header
 * only: u64 LE header length, then that many bytes of JSON.
 *
 * @throws FormatError for a truncated file or a malformed header
 * @example
 * ```ts
 * Object.keys(await safetensorsIndex('model.safetensors')); // ['roberta.embeddings.word_embeddings.weight', …]
 * ```
 */
export async function safetensorsIndex(path: string): Promise<Record<string, SafetensorsEntry>> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.alloc(8);
    if (size < 8 || (await handle.read(head, 0, 8, 0)).bytesRead < 8)
      throw new FormatError(`safetensors: ${path}: truncated before the header length`);
    const length = Number(head.readBigUInt64LE(0));
    if (length > size - 8 || length > 100 * 1024 * 1024)
      throw new FormatError(`safetensors: ${path}: header length ${length} exceeds the file (${size} bytes)`);
    const json = Buffer.alloc(length);
    await handle.read(json, 0, length, 8);
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(json.toString('utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new FormatError(`safetensors: ${path}: malformed header (${(error as Error).message})`);
    }
    const out: Record<string, SafetensorsEntry> = {};
    for (const [name, entry] of Object.entries(header)) {
      if (name === '__metadata__') continue;
      const e = entry as SafetensorsEntry;
      const ok =
        typeof e === 'object' &&
        e !== null &&
        typeof e.dtype === 'string' &&
        Array.isArray(e.shape) &&
        Array.isArray(e.data_offsets) &&
        e.data_offsets.length === 2 &&
        e.data_offsets[0] <= e.data_offsets[1] &&
        8 + length + e.data_offsets[1] <= size;
      if (!ok)
        throw new FormatError(
          `safetensors: ${path}: entry ${describe(name)} is malformed or runs past the end of the file`,
        );
      out[name] = e;
    }
    return out;
  } finally {
    await handle.close();
  }
}

/**
 * Reads one 2-D tensor of a Hugging Face `.safetensors` checkpoint as an embedding matrix (F32,
 * F16, BF16 or F64, converted to float32), reading only that tensor's bytes. By default the token
 * embedding of a RoBERTa/XLM-R/BERT checkpoint: the first of `roberta.embeddings.word_embeddings.weight`,
 * `embeddings.word_embeddings.weight`, `bert.embeddings.word_embeddings.weight` present.
 *
 * @throws FormatError naming the file and tensor for a missing tensor, an unsupported dtype, a shape
 *   that is not 2-D, or a byte range that does not match the shape
 * @example
 * ```ts
 * const E = await readSafetensors('roberta-base/model.safetensors'); // 50265 × 768
 * ```
 */
export async function readSafetensors(path: string, tensor?: string): Promise<EmbeddingMatrix> {
  const index = await safetensorsIndex(path);
  const defaults = [
    'roberta.embeddings.word_embeddings.weight',
    'embeddings.word_embeddings.weight',
    'bert.embeddings.word_embeddings.weight',
  ];
  const name = tensor ?? defaults.find((d) => d in index);
  const entry = name === undefined ? undefined : index[name];
  if (name === undefined || entry === undefined) {
    throw new FormatError(
      `safetensors: ${path}: no tensor ${describe(tensor ?? defaults.join(' | '))}; it has ${Object.keys(index).slice(0, 10).join(', ')}`,
    );
  }
  const width = BYTES[entry.dtype];
  if (width === undefined)
    throw new FormatError(
      `safetensors: ${path}: tensor ${name} has dtype ${entry.dtype}; supported: ${Object.keys(BYTES).join(', ')}`,
    );
  if (entry.shape.length !== 2)
    throw new FormatError(
      `safetensors: ${path}: tensor ${name} has shape [${entry.shape.join(', ')}]; an embedding matrix is 2-D`,
    );
  const [rows = 0, cols = 0] = entry.shape;
  const [begin, end] = entry.data_offsets;
  if (end - begin !== rows * cols * width) {
    throw new FormatError(
      `safetensors: ${path}: tensor ${name} spans ${end - begin} bytes; shape [${rows}, ${cols}] of ${entry.dtype} needs ${rows * cols * width}`,
    );
  }
  const handle = await open(path, 'r');
  let bytes: Buffer;
  try {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    const start = 8 + Number(head.readBigUInt64LE(0)) + begin;
    bytes = Buffer.alloc(end - begin);
    await handle.read(bytes, 0, bytes.length, start);
  } finally {
    await handle.close();
  }
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) {
    switch (entry.dtype) {
      case 'F32':
        data[i] = bytes.readFloatLE(i * 4);
        break;
      case 'F64':
        data[i] = bytes.readDoubleLE(i * 8);
        break;
      case 'F16':
        data[i] = float16ToNumber(bytes.readUInt16LE(i * 2));
        break;
      default:
        data[i] = bfloat16ToNumber(bytes.readUInt16LE(i * 2));
    }
  }
  return createEmbeddingMatrix(rows, cols, data);
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
