import { describe, type EmbeddingMatrix, validateMatrix } from '@ksub/core';
import type { GraphModelFiles, GraphWeightSpec } from './graph-model-artifacts';
import { locateWeight } from './weight-location';

/**
 * The same graph model with one 2-D float weight replaced (e.g. a compressed and rebuilt token
 * table), as new artifacts: the weight's bytes become the replacement's float32 values (a
 * quantized weight becomes a plain float32 one) and every other byte is copied unchanged; `files`
 * itself is not modified. Load the result with `loadGraphModel(graphModelHandler(result))`.
 *
 * This is TF.js's public way to swap a weight: a loaded `GraphModel` exposes its weights as a
 * map, but a tensor put into that map is not registered as a weight, so the executor disposes it
 * after the first `executeAsync` and the second call fails.
 *
 * @param files - the model, from {@link readGraphModelFiles}
 * @param name - the weight, e.g. `module/Embeddings_en`
 * @param value - the replacement, of exactly the weight's shape, with finite values
 * @throws FormatError naming the file and weight when there is no such weight; TypeError naming
 *   them when the weight is not a float weight or `value` is not an EmbeddingMatrix; RangeError
 *   naming the file, the weight and both shapes when the shapes differ, or when `value` holds a
 *   non-finite value
 * @example
 * ```ts
 * const table = graphModelWeight(files, 'module/Embeddings_en');
 * const swapped = replaceGraphModelWeight(files, 'module/Embeddings_en', compressAndRebuild(table));
 * const model = await tf.loadGraphModel(graphModelHandler(swapped));
 * ```
 */
export function replaceGraphModelWeight(
  files: GraphModelFiles,
  name: string,
  value: EmbeddingMatrix,
): GraphModelFiles {
  const fn = 'replaceGraphModelWeight';
  const { index, spec, offset, bytes } = locateWeight(files, name, fn);
  const where = `${fn}: ${files.path}: weight ${describe(name)}`;
  validateMatrix(`${fn}: ${files.path}`, `the replacement for ${describe(name)}`, value);
  if (spec.dtype !== 'float32')
    throw new TypeError(`${where} has dtype ${spec.dtype}; only float32 weights can be replaced`);
  if (spec.shape.length !== 2 || spec.shape[0] !== value.rows || spec.shape[1] !== value.cols)
    throw new RangeError(
      `${where} has shape [${spec.shape.join(', ')}]; the replacement has shape [${value.rows}, ${value.cols}]`,
    );
  const old = new Uint8Array(files.artifacts.weightData);
  const fresh = new Uint8Array(value.data.buffer, value.data.byteOffset, value.data.byteLength);
  const data = new Uint8Array(old.length - bytes + fresh.length);
  data.set(old.subarray(0, offset));
  data.set(fresh, offset);
  data.set(old.subarray(offset + bytes), offset + fresh.length);
  const replaced: GraphWeightSpec = { name: spec.name, shape: [...spec.shape], dtype: 'float32' };
  const weightSpecs = files.artifacts.weightSpecs.map((s, i) => (i === index ? replaced : s));
  return { path: files.path, artifacts: { ...files.artifacts, weightSpecs, weightData: data.buffer } };
}
