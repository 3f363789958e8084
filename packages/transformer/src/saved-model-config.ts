import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FormatError, parseWithSchema } from '@ksub/core';
import { z } from 'zod';
import type { TransformerConfig } from './config';
import { type EmbeddingChoice, EmbeddingChoiceSchema } from './embedding-choice';

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
  /**
   * The embedding kind and its settings; a k-sub allocation is in {@link ALLOCATION_FILE},
   * relative to the model's directory.
   */
  readonly embedding: EmbeddingChoice;
  /**
   * Registry name of the tokenizer the model was trained with (`roberta-gpt2`, `xlmr-o200k`), as a
   * Hugging Face model directory names its tokenizer. Absent in models saved before it was
   * recorded: the caller chooses the fallback.
   */
  readonly tokenizer?: string;
  /** SHA-256 of weights.bin. */
  readonly weightsSha256: string;
}

/** The fields a reader relies on beyond format and version (the encoder config has `validateConfig`). */
const SavedFieldsSchema = z.object({
  embedding: EmbeddingChoiceSchema,
  tokenizer: z.string().min(1).optional(),
  weightsSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * Reads and checks the `config.json` of a model directory written by `saveMaskedLm`, without its
 * weights: format and version, the embedding (against `EmbeddingChoiceSchema`), the tokenizer.
 *
 * @throws the file system's error naming the file when it cannot be read; FormatError naming it
 *   when it is not JSON, of another format or version, or a field is wrong.
 * @example
 * ```ts
 * const { tokenizer } = await readSavedModelConfig('runs/pretrain-mini-full/model');
 * ```
 */
export async function readSavedModelConfig(dir: string): Promise<SavedModelConfig> {
  const path = join(dir, MODEL_CONFIG_FILE);
  const text = await readFile(path, 'utf8');
  let saved: SavedModelConfig;
  try {
    saved = JSON.parse(text) as SavedModelConfig;
  } catch (error) {
    throw new FormatError(`${path}: not JSON (${(error as Error).message})`);
  }
  if (saved?.format !== 'ksub-masked-lm' || saved.version !== MODEL_FORMAT_VERSION)
    throw new FormatError(
      `${path}: not a ksub masked-LM of version ${MODEL_FORMAT_VERSION} (format ${JSON.stringify(saved?.format)}, version ${JSON.stringify(saved?.version)})`,
    );
  try {
    parseWithSchema('readSavedModelConfig', SavedFieldsSchema, saved, path);
  } catch (error) {
    throw new FormatError((error as Error).message);
  }
  return saved;
}
