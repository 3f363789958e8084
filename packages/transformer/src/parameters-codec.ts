import * as tf from '@tensorflow/tfjs-core';
import { FormatError } from '@ksub/core';
import type { ParameterSet } from './parameters';

/** Weights of a parameter set in the TF.js format: the byte buffer and its specs. */
export async function encodeParameters(
  params: ParameterSet,
): Promise<{ data: Uint8Array; specs: tf.io.WeightsManifestEntry[] }> {
  const named = params.all().map((p) => ({ name: p.name, tensor: p.variable as tf.Tensor }));
  const { data, specs } = await tf.io.encodeWeights(named);
  return { data: new Uint8Array(data), specs };
}

/**
 * Assigns decoded weights to a parameter set by name.
 *
 * @throws FormatError naming the first parameter that is missing, unexpected or of another shape.
 */
export function assignParameters(
  params: ParameterSet,
  data: Uint8Array,
  specs: tf.io.WeightsManifestEntry[],
  source: string,
): void {
  const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  const tensors = tf.io.decodeWeights(buffer, specs);
  try {
    const expected = new Set(params.all().map((p) => p.name));
    for (const name of Object.keys(tensors))
      if (!expected.has(name)) throw new FormatError(`${source}: unexpected weight ${JSON.stringify(name)}`);
    for (const p of params.all()) {
      const t = tensors[p.name];
      if (t === undefined) throw new FormatError(`${source}: weight ${JSON.stringify(p.name)} is missing`);
      if (t.shape.join(',') !== p.variable.shape.join(','))
        throw new FormatError(
          `${source}: weight ${JSON.stringify(p.name)} has shape [${t.shape}], the model expects [${p.variable.shape}]`,
        );
      p.variable.assign(t);
    }
  } finally {
    tf.dispose(Object.values(tensors));
  }
}
