/**
 * `@ksub/transformer/node`: a masked LM saved to and loaded from a directory (`node:fs`), and the
 * file-form embedding choice resolved against one. The model, its layers and the weight codec
 * (`encodeParameters`, `assignParameters`) are in the main entry and run in browsers too.
 *
 * @packageDocumentation
 */
export { assertModelDestination, loadMaskedLm, loadSavedMaskedLm, saveMaskedLm } from './save-load';
export type { SavedMaskedLm, SaveMaskedLmOptions } from './save-load';
export { readSavedModelConfig } from './read-saved-model-config';
export { resolveEmbedding } from './resolve-embedding';
