import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { checkReplaceable, FormatError, publishDirectory, writeFileAtomic } from '@ksub/core';
import { loadAllocation, saveAllocation } from '@ksub/index-mapping';
import { type TransformerConfig, validateConfig } from './config';
import type { EmbeddingSpec } from './embedding-spec';
import { MaskedLanguageModel } from './masked-lm';
import type { ParameterSet } from './parameters';

/** Name of the model description in a saved model directory. */
export const MODEL_CONFIG_FILE = 'config.json';
/** TF.js weights manifest (`weightsManifest` entries: paths + name/shape/dtype specs). */
export const WEIGHTS_MANIFEST_FILE = 'weights.json';
/** Concatenated little-endian float32 weights, in manifest order. */
export const WEIGHTS_FILE = 'weights.bin';
/** The k-sub allocation, in `@ksub/index-mapping`'s allocation file format. */
export const ALLOCATION_FILE = 'allocation.ksub';
/** Version of the saved-model layout. */
export const MODEL_FORMAT_VERSION = 1;

/** What `config.json` holds. */
export interface SavedModelConfig {
  readonly format: 'ksub-masked-lm';
  readonly version: number;
  readonly config: TransformerConfig;
  /** The embedding kind and its settings; a k-sub allocation is in {@link ALLOCATION_FILE}. */
  readonly embedding:
    | { readonly kind: 'full' }
    | { readonly kind: 'ksub'; readonly allocationFile: string }
    | { readonly kind: 'factorized'; readonly rank: number; readonly bias?: boolean };
  /** SHA-256 of weights.bin. */
  readonly weightsSha256: string;
}

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

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Saves a model built with {@link MaskedLanguageModel.fromSpec} to `dir`: `config.json` (config,
 * embedding kind, weights checksum), `weights.json` + `weights.bin` (TF.js weights format, Hugging
 * Face parameter names, linear weights [out, in]) and, for k-sub, `allocation.ksub`. Written through
 * Node's file system on every backend, into a temporary directory renamed into place.
 *
 * @throws Error when the model has no embedding spec (built from a custom layer).
 */
export async function saveMaskedLm(dir: string, model: MaskedLanguageModel): Promise<void> {
  const spec = model.spec;
  if (spec === undefined)
    throw new Error(
      'saveMaskedLm: model has no embedding spec; build it with MaskedLanguageModel.fromSpec to save it',
    );
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const { data, specs } = await encodeParameters(model.params);
  const embedding: SavedModelConfig['embedding'] =
    spec.kind === 'ksub'
      ? { kind: 'ksub', allocationFile: ALLOCATION_FILE }
      : spec.kind === 'factorized'
        ? { kind: 'factorized', rank: spec.rank, bias: spec.bias ?? false }
        : { kind: 'full' };
  if (spec.kind === 'ksub') await saveAllocation(join(tmp, ALLOCATION_FILE), spec.allocation);
  await writeFileAtomic(join(tmp, WEIGHTS_FILE), data);
  const manifest: tf.io.WeightsManifestConfig = [{ paths: [WEIGHTS_FILE], weights: specs }];
  await writeFileAtomic(join(tmp, WEIGHTS_MANIFEST_FILE), JSON.stringify(manifest));
  const saved: SavedModelConfig = {
    format: 'ksub-masked-lm',
    version: MODEL_FORMAT_VERSION,
    config: model.config,
    embedding,
    weightsSha256: sha256(data),
  };
  await writeFileAtomic(join(tmp, MODEL_CONFIG_FILE), `${JSON.stringify(saved, null, 2)}\n`);
  try {
    await publishDirectory(tmp, dir, modelDestination('saveMaskedLm'));
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

const modelDestination = (fn: string) => ({ fn, what: 'a saved ksub model', owns: isSavedModel });

/**
 * Checks, before a long run, that {@link saveMaskedLm} may later save to `dir`: nothing there, an
 * empty directory, or a saved ksub model (which it replaces). Anything else is refused now rather
 * than after the training.
 *
 * @param fn - the caller, first word of the message
 * @throws Error naming `dir` and what is there
 * @example
 * ```ts
 * await assertModelDestination('runs/finetuned', 'finetune');
 * ```
 */
export async function assertModelDestination(dir: string, fn: string): Promise<void> {
  await checkReplaceable(dir, modelDestination(fn));
}

/** Whether `dir` holds a model {@link saveMaskedLm} wrote (its config.json names the format). */
async function isSavedModel(dir: string): Promise<boolean> {
  try {
    const saved = JSON.parse(
      await readFile(join(dir, MODEL_CONFIG_FILE), 'utf8'),
    ) as Partial<SavedModelConfig>;
    return saved.format === 'ksub-masked-lm';
  } catch {
    return false;
  }
}

/**
 * Loads a model saved by {@link saveMaskedLm}.
 *
 * @throws FormatError for an unknown format or version, a weights file whose checksum differs,
 *   or weights that do not match the config.
 */
export async function loadMaskedLm(dir: string): Promise<MaskedLanguageModel> {
  const configPath = join(dir, MODEL_CONFIG_FILE);
  const saved = JSON.parse(await readFile(configPath, 'utf8')) as SavedModelConfig;
  if (saved.format !== 'ksub-masked-lm' || saved.version !== MODEL_FORMAT_VERSION)
    throw new FormatError(
      `${configPath}: not a ksub masked-LM of version ${MODEL_FORMAT_VERSION} (format ${JSON.stringify(saved.format)}, version ${JSON.stringify(saved.version)})`,
    );
  const config = validateConfig(saved.config);
  const data = new Uint8Array(await readFile(join(dir, WEIGHTS_FILE)));
  if (sha256(data) !== saved.weightsSha256)
    throw new FormatError(
      `${join(dir, WEIGHTS_FILE)}: checksum differs from config.json (truncated or corrupt)`,
    );
  const manifest = JSON.parse(
    await readFile(join(dir, WEIGHTS_MANIFEST_FILE), 'utf8'),
  ) as tf.io.WeightsManifestConfig;
  const e = saved.embedding;
  const spec: EmbeddingSpec =
    e.kind === 'ksub'
      ? { kind: 'ksub', allocation: await loadAllocation(join(dir, e.allocationFile)) }
      : e.kind === 'factorized'
        ? { kind: 'factorized', rank: e.rank, bias: e.bias ?? false }
        : { kind: 'full' };
  const model = MaskedLanguageModel.fromSpec(config, spec, 0);
  try {
    assignParameters(
      model.params,
      data,
      manifest.flatMap((g) => g.weights),
      join(dir, WEIGHTS_FILE),
    );
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}
