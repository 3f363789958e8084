import { describe, FormatError } from '@ksub/core';
import type { ManifestWeight } from '../tfjs-manifest';
import type { GraphModelFiles, GraphWeightSpec } from './graph-model-artifacts';

const DTYPE_BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1 };
const QUANT_BYTES: Readonly<Record<string, number>> = { uint8: 1, uint16: 2, float16: 2 };

/**
 * Bytes one weight takes in the shards: its element count times the width of its stored type.
 *
 * @param fail - throws (naming the file) for a dtype or quantization TF.js graph weights do not use
 * @example
 * ```ts
 * weightByteLength({ name: 'e', shape: [8002, 256], dtype: 'float32' }, fail); // 8194048
 * ```
 */
export function weightByteLength(w: ManifestWeight, fail: (what: string) => never): number {
  const width = w.quantization === undefined ? DTYPE_BYTES[w.dtype] : QUANT_BYTES[w.quantization.dtype];
  if (width === undefined)
    fail(
      `weight ${describe(w.name)} has dtype ${describe(w.quantization?.dtype ?? w.dtype)}; this reader knows float32, int32 and bool, quantized as uint8, uint16 or float16`,
    );
  return w.shape.reduce((a, b) => a * b, 1) * (width as number);
}

/**
 * Where one weight's bytes lie in `weightData`.
 *
 * @example
 * ```ts
 * const { offset, bytes }: WeightLocation = locateWeight(files, 'module/Embeddings_en', 'fn');
 * ```
 */
export interface WeightLocation {
  /** Index of the weight in `weightSpecs`. */
  readonly index: number;
  /** Its spec. */
  readonly spec: GraphWeightSpec;
  /** First byte in `weightData`. */
  readonly offset: number;
  /** Number of bytes. */
  readonly bytes: number;
}

/**
 * Finds a weight by name.
 *
 * @param fn - the public function, for the message
 * @throws FormatError naming the file, the weight, and some of the names the model does have
 * @example
 * ```ts
 * const { offset, bytes } = locateWeight(files, 'module/Embeddings_en', 'graphModelWeight');
 * ```
 */
export function locateWeight(files: GraphModelFiles, name: string, fn: string): WeightLocation {
  const fail = (what: string): never => {
    throw new FormatError(`${fn}: ${files.path}: ${what}`);
  };
  const specs = files.artifacts.weightSpecs;
  let offset = 0;
  for (let index = 0; index < specs.length; index++) {
    const spec = specs[index] as GraphWeightSpec;
    const bytes = weightByteLength(spec, fail);
    if (spec.name === name) {
      const have = files.artifacts.weightData.byteLength;
      if (offset + bytes > have)
        fail(`weight ${describe(name)} needs bytes ${offset}–${offset + bytes}; weightData holds ${have}`);
      return { index, spec, offset, bytes };
    }
    offset += bytes;
  }
  return fail(
    `no weight named ${describe(name)}; its ${specs.length} weights are ${describe(specs.map((s) => s.name))}`,
  );
}
