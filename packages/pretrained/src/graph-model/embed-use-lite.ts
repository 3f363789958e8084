import { assert, describe } from '@ksub/core';
import type { GraphModelRunner, TensorFactory, TensorHandle } from './tensor-runtime';
import { useLiteInputs } from './use-lite-inputs';
import { USE_LITE } from './use-lite-model';

/**
 * Sentence vectors of the Universal Sentence Encoder lite for sentences given as token ids (of
 * the USE-lite tokenizer, without `<s>`/`</s>`): builds the sparse `indices`/`values` inputs
 * ({@link useLiteInputs}), runs the graph, and returns the [n, 512] L2-normalised vectors
 * row-major. Every tensor it makes or gets back is disposed, also on failure.
 *
 * `@ksub/pretrained` does not import TF.js: pass the `tf` that loaded `model`.
 *
 * @param tf - makes the input tensors (`import * as tf from '@tensorflow/tfjs-core'`)
 * @param model - the loaded graph, e.g. `await loadGraphModel(graphModelHandler(files))`
 * @param ids - one non-empty list of ids in [0, 8002) per sentence; positions ≥ 128 are dropped
 *   by the graph
 * @returns n·512 floats, sentence after sentence
 * @throws what {@link useLiteInputs} throws for bad ids; Error naming the shapes when the model
 *   returns anything but one [n, 512] tensor
 * @example
 * ```ts
 * const tok = await loadUseLiteTokenizer();
 * const ids = ['the movie was wonderful', 'the film was great'].map((s) =>
 *   tok.encode(s, { addSpecialTokens: false }),
 * );
 * const vectors = await embedUseLite(tf, model, ids); // Float32Array(1024)
 * ```
 */
export async function embedUseLite<T extends TensorHandle>(
  tf: TensorFactory<T>,
  model: GraphModelRunner<T>,
  ids: ReadonlyArray<ArrayLike<number>>,
): Promise<Float32Array> {
  const { indices, values, tokens, batch } = useLiteInputs(ids);
  const made: T[] = [];
  let outputs: T[] = [];
  try {
    made.push(tf.tensor(indices, [tokens, 2], 'int32'), tf.tensor(values, [tokens], 'int32'));
    const result = await model.executeAsync({
      [USE_LITE.indicesInput]: made[0] as T,
      [USE_LITE.valuesInput]: made[1] as T,
    });
    outputs = Array.isArray(result) ? result : [result];
    const shapes = outputs.map((o) => o.shape);
    const [only] = outputs;
    assert(
      outputs.length === 1 &&
        only !== undefined &&
        only.shape.length === 2 &&
        only.shape[0] === batch &&
        only.shape[1] === USE_LITE.outputDim,
      () =>
        `embedUseLite: the model must return one [${batch}, ${USE_LITE.outputDim}] tensor for ${batch} sentences; got shapes ${describe(shapes)}`,
    );
    return Float32Array.from(await only.data());
  } finally {
    for (const t of [...made, ...outputs]) t.dispose();
  }
}
