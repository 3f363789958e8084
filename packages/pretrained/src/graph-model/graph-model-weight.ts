import { createEmbeddingMatrix, describe, type EmbeddingMatrix, FormatError } from '@ksub/core';
import { float16ToNumber } from '../half-precision';
import type { GraphModelFiles } from './graph-model-artifacts';
import { locateWeight } from './weight-location';

/**
 * A 2-D weight of a graph model read by {@link readGraphModelFiles}, as an `EmbeddingMatrix`
 * (float32; int32 and bool weights converted, quantized ones dequantized as TF.js does). The
 * values are a copy: changing them does not change the model — hand the changed matrix to
 * {@link replaceGraphModelWeight} for that.
 *
 * @param files - the model
 * @param name - the weight, e.g. `module/Embeddings_en` (the [8002 × 256] token table of USE lite)
 * @throws FormatError naming the file and the weight when there is no such weight, or it is not
 *   2-D or is empty
 * @example
 * ```ts
 * const files = await readGraphModelFiles(modelJson);
 * const table = graphModelWeight(files, 'module/Embeddings_en'); // rows 8002, cols 256
 * ```
 */
export function graphModelWeight(files: GraphModelFiles, name: string): EmbeddingMatrix {
  const { spec, offset } = locateWeight(files, name, 'graphModelWeight');
  const { shape } = spec;
  if (shape.length !== 2 || (shape[0] as number) * (shape[1] as number) === 0)
    throw new FormatError(
      `graphModelWeight: ${files.path}: weight ${describe(name)} has shape [${shape.join(', ')}]; an embedding matrix is 2-D with at least one row and one column`,
    );
  const [rows, cols] = shape as [number, number];
  const view = new DataView(files.artifacts.weightData, offset);
  const data = new Float32Array(rows * cols);
  const q = spec.quantization;
  if (q === undefined && spec.dtype === 'float32') {
    // the common case in one copy (TF.js stores little-endian, as every host it runs on)
    data.set(new Float32Array(files.artifacts.weightData.slice(offset, offset + data.length * 4)));
  } else {
    for (let i = 0; i < data.length; i++) {
      if (q === undefined) data[i] = spec.dtype === 'int32' ? view.getInt32(i * 4, true) : view.getUint8(i);
      else if (q.dtype === 'float16') data[i] = float16ToNumber(view.getUint16(i * 2, true));
      else
        data[i] =
          (q.min ?? 0) +
          (q.scale ?? 1) * (q.dtype === 'uint8' ? view.getUint8(i) : view.getUint16(i * 2, true));
    }
  }
  return createEmbeddingMatrix(rows, cols, data);
}
