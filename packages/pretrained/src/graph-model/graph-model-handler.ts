import { assert, describe } from '@ksub/core';
import type { GraphModelArtifacts, GraphModelFiles } from './graph-model-artifacts';
import { readGraphModelFiles } from './read-graph-model-files';

/**
 * A TF.js IO handler that only loads (structurally a `tf.io.IOHandler`): hand it to
 * `loadGraphModel` in place of a URL.
 *
 * @example
 * ```ts
 * const handler: GraphModelIOHandler = graphModelHandler(modelJson);
 * (await handler.load()).weightSpecs.length; // 61 for USE lite
 * ```
 */
export interface GraphModelIOHandler {
  /** Resolves to the artifacts TF.js builds the model from. */
  load(): Promise<GraphModelArtifacts>;
}

/**
 * An IO handler for TF.js's `loadGraphModel` that reads a graph model from disk, with no fetch and
 * no network: from a `model.json` path (read on each `load()`, through
 * {@link readGraphModelFiles}) or from artifacts already read (and perhaps changed by
 * {@link replaceGraphModelWeight}). `@ksub/pretrained` does not import TF.js; the caller's own
 * `@tensorflow/tfjs-converter` loads the model.
 *
 * @param source - a `model.json` path, or a model from {@link readGraphModelFiles}
 * @throws TypeError when `source` is neither; `load()` rejects with what
 *   {@link readGraphModelFiles} throws
 * @example
 * ```ts
 * import { loadGraphModel } from '@tensorflow/tfjs-converter';
 * const model = await loadGraphModel(graphModelHandler('models/use-lite/model.json'));
 * ```
 */
export function graphModelHandler(source: string | GraphModelFiles): GraphModelIOHandler {
  assert(
    typeof source === 'string' ||
      (typeof source === 'object' && source !== null && typeof source.artifacts === 'object'),
    () =>
      `graphModelHandler: source must be a model.json path or a model read by readGraphModelFiles; got ${describe(source)}`,
    TypeError,
  );
  return {
    load: async () =>
      typeof source === 'string' ? (await readGraphModelFiles(source)).artifacts : source.artifacts,
  };
}
