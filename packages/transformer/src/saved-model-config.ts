import type { TransformerConfig } from './config';
import type { EmbeddingChoice } from './embedding-choice';

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
