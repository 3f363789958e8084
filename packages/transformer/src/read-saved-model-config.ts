import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FormatError, parseWithSchema } from '@ksub/core';
import { z } from 'zod';
import { EmbeddingChoiceSchema } from './embedding-choice';
import { MODEL_CONFIG_FILE, MODEL_FORMAT_VERSION, type SavedModelConfig } from './saved-model-config';

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
