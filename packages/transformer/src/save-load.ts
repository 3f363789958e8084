import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { assert, describe, FormatError } from '@ksub/core';
import { checkReplaceable, publishDirectory, writeFileAtomic } from '@ksub/core/node';
import { saveAllocation } from '@ksub/index-mapping/node';
import { validateConfig } from './config';
import { embeddingChoice } from './embedding-choice';
import { assignParameters, encodeParameters } from './parameters-codec';
import { readSavedModelConfig } from './read-saved-model-config';
import { resolveEmbedding } from './resolve-embedding';
import { MaskedLanguageModel } from './masked-lm';
import {
  ALLOCATION_FILE,
  MODEL_CONFIG_FILE,
  MODEL_FORMAT_VERSION,
  type SavedModelConfig,
  WEIGHTS_FILE,
  WEIGHTS_MANIFEST_FILE,
} from './saved-model-config';
import { quantizeFloat16, type SavedWeightsDtype } from './float16';

// the layout's file names, defined in saved-model-config.ts, stay importable from here too
export {
  ALLOCATION_FILE,
  MODEL_CONFIG_FILE,
  MODEL_FORMAT_VERSION,
  WEIGHTS_FILE,
  WEIGHTS_MANIFEST_FILE,
} from './saved-model-config';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Options of {@link saveMaskedLm}. */
export interface SaveMaskedLmOptions {
  /**
   * Registry name of the tokenizer the model was trained with, recorded in `config.json` so a
   * reader need not guess it (pretraining passes its config's, fine-tuning the loaded model's).
   */
  readonly tokenizer: string;
  /**
   * How the weights are stored (default `'float32'`). `'float16'` halves `weights.bin`, each value
   * rounded to the nearest half float (relative error ≤ 2^-11 in the normal range), and marks the
   * manifest entries `quantization: { dtype: 'float16', original_dtype: 'float32' }` as
   * tfjs-converter's `--quantize_float16` does: every TF.js weights reader, {@link loadMaskedLm}
   * included, widens them back to float32 on load.
   */
  readonly dtype?: SavedWeightsDtype;
}

/**
 * Saves a model built with {@link MaskedLanguageModel.fromSpec} to `dir`: `config.json` (config,
 * embedding kind, tokenizer, weights checksum), `weights.json` + `weights.bin` (TF.js weights
 * format, Hugging Face parameter names, linear weights [out, in]) and, for k-sub,
 * `allocation.ksub`. Written through Node's file system on every backend, into a temporary
 * directory renamed into place.
 *
 * @throws Error when the model has no embedding spec (built from a custom layer); TypeError when
 *   `options.tokenizer` or `options.dtype` is not a string, RangeError when the tokenizer is empty
 *   or the dtype neither `'float32'` nor `'float16'`.
 * @example
 * ```ts
 * await saveMaskedLm('runs/mini/model', model, { tokenizer: 'roberta-gpt2' });
 * // half the bytes, for a checkpoint committed to git
 * await saveMaskedLm('models/mini', model, { tokenizer: 'roberta-gpt2', dtype: 'float16' });
 * ```
 */
export async function saveMaskedLm(
  dir: string,
  model: MaskedLanguageModel,
  options: SaveMaskedLmOptions,
): Promise<void>;
/**
 * Saves a model without recording its tokenizer: a reader gets `tokenizer` undefined.
 *
 * @deprecated pass `{ tokenizer }` so the saved model names its tokenizer.
 */
export async function saveMaskedLm(dir: string, model: MaskedLanguageModel): Promise<void>;
export async function saveMaskedLm(
  dir: string,
  model: MaskedLanguageModel,
  options?: SaveMaskedLmOptions,
): Promise<void> {
  const spec = model.spec;
  if (spec === undefined)
    throw new Error(
      'saveMaskedLm: model has no embedding spec; build it with MaskedLanguageModel.fromSpec to save it',
    );
  const tokenizer = options?.tokenizer;
  assert(
    tokenizer === undefined || typeof tokenizer === 'string',
    () => `saveMaskedLm: options.tokenizer must be a string; got ${describe(tokenizer)}`,
    TypeError,
  );
  assert(
    tokenizer !== '',
    () => `saveMaskedLm: options.tokenizer must be a non-empty string; got ${describe(tokenizer)}`,
    RangeError,
  );
  const dtype = options?.dtype ?? 'float32';
  assert(
    typeof dtype === 'string',
    () => `saveMaskedLm: options.dtype must be a string; got ${describe(dtype)}`,
    TypeError,
  );
  assert(
    dtype === 'float32' || dtype === 'float16',
    () => `saveMaskedLm: options.dtype must be "float32" or "float16"; got ${describe(dtype)}`,
    RangeError,
  );
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const encoded = await encodeParameters(model.params);
  const { data, specs } = dtype === 'float16' ? quantizeFloat16(encoded.data, encoded.specs) : encoded;
  if (spec.kind === 'ksub') await saveAllocation(join(tmp, ALLOCATION_FILE), spec.allocation);
  await writeFileAtomic(join(tmp, WEIGHTS_FILE), data);
  const manifest: tf.io.WeightsManifestConfig = [{ paths: [WEIGHTS_FILE], weights: specs }];
  await writeFileAtomic(join(tmp, WEIGHTS_MANIFEST_FILE), JSON.stringify(manifest));
  const saved: SavedModelConfig = {
    format: 'ksub-masked-lm',
    version: MODEL_FORMAT_VERSION,
    config: model.config,
    embedding: embeddingChoice(spec, ALLOCATION_FILE),
    ...(tokenizer === undefined ? {} : { tokenizer }),
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

/** A model loaded by {@link loadSavedMaskedLm}, with what its directory records beside the weights. */
export interface SavedMaskedLm {
  readonly model: MaskedLanguageModel;
  /**
   * Registry name of the tokenizer it was trained with; undefined for a model saved before
   * tokenizers were recorded (the caller chooses the fallback).
   */
  readonly tokenizer: string | undefined;
}

/**
 * Loads a model saved by {@link saveMaskedLm} with its tokenizer's registry name, as a Hugging
 * Face model directory gives both.
 *
 * @throws FormatError for an unknown format or version, a bad embedding or tokenizer field, a
 *   weights file whose checksum differs, or weights that do not match the config.
 * @example
 * ```ts
 * const { model, tokenizer } = await loadSavedMaskedLm('runs/pretrain-mini-full/model');
 * const ids = (await getTokenizer(tokenizer ?? 'roberta-gpt2')).encode('Hello');
 * ```
 */
export async function loadSavedMaskedLm(dir: string): Promise<SavedMaskedLm> {
  const saved = await readSavedModelConfig(dir);
  const config = validateConfig(saved.config);
  const data = new Uint8Array(await readFile(join(dir, WEIGHTS_FILE)));
  if (sha256(data) !== saved.weightsSha256)
    throw new FormatError(
      `${join(dir, WEIGHTS_FILE)}: checksum differs from config.json (truncated or corrupt)`,
    );
  const manifest = JSON.parse(
    await readFile(join(dir, WEIGHTS_MANIFEST_FILE), 'utf8'),
  ) as tf.io.WeightsManifestConfig;
  const model = MaskedLanguageModel.fromSpec(config, await resolveEmbedding(saved.embedding, dir), 0);
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
  return { model, tokenizer: saved.tokenizer };
}

/**
 * Loads the model of a directory written by {@link saveMaskedLm}; {@link loadSavedMaskedLm} also
 * gives its tokenizer.
 *
 * @throws as {@link loadSavedMaskedLm}
 * @example
 * ```ts
 * const model = await loadMaskedLm('runs/pretrain-mini-full/model');
 * ```
 */
export async function loadMaskedLm(dir: string): Promise<MaskedLanguageModel> {
  return (await loadSavedMaskedLm(dir)).model;
}
