/**
 * The part of a TF.js tensor that graph-model helpers use. A `tf.Tensor` is one; declared here so
 * that `@ksub/pretrained` (a TF.js-free package) never imports TF.js.
 *
 * @example
 * ```ts
 * const handle: TensorHandle = tf.tensor([1, 2], [2], 'int32');
 * ```
 */
export interface TensorHandle {
  /** Shape, outermost first. */
  readonly shape: readonly number[];
  /** The values, row-major. */
  data(): Promise<ArrayLike<number>>;
  /** Frees the tensor's memory. */
  dispose(): void;
}

/**
 * The part of TF.js that makes tensors: pass the `tf` namespace of `@tensorflow/tfjs-core` (or of
 * any bundle of it, as long as the model was loaded by the same one).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * const factory: TensorFactory<tf.Tensor> = tf;
 * ```
 */
export interface TensorFactory<T extends TensorHandle = TensorHandle> {
  /** A tensor of the given values, shape and dtype (`tf.tensor`). */
  tensor(values: Int32Array, shape: number[], dtype: 'int32'): T;
}

/**
 * The part of a TF.js `GraphModel` that runs it: `executeAsync` with named inputs. Generic in the
 * tensor type so that a real `GraphModel` (which takes `tf.Tensor`s) is one.
 *
 * @example
 * ```ts
 * const runner: GraphModelRunner<tf.Tensor> = await loadGraphModel(graphModelHandler(modelJson));
 * ```
 */
export interface GraphModelRunner<T extends TensorHandle = TensorHandle> {
  /** Runs the graph on named inputs; resolves to its output tensor(s). */
  executeAsync(inputs: Record<string, T>): Promise<T | T[]>;
}
