export { maxSequenceLength, PRESETS, presetConfig, validateConfig } from './config';
export type { PresetName, TransformerConfig } from './config';
export { ParameterSet } from './parameters';
export type { Parameter } from './parameters';
export { positionIds, RobertaEncoder } from './encoder';
export type { EmbeddingLayer, EncoderInput } from './encoder';
export { ClassificationHead, MlmHead } from './heads';
export { createEmbedding } from './embedding-spec';
export type { EmbeddingSpec } from './embedding-spec';
export { MaskedLanguageModel } from './masked-lm';
export { replaceEmbedding } from './replace-embedding';
export type { ForwardOptions, MlmEvaluation, MlmInput } from './masked-lm';
export { DropoutStream, dense, gelu, layerNorm } from './ops/layers';
export {
  ALLOCATION_FILE,
  assignParameters,
  encodeParameters,
  loadMaskedLm,
  MODEL_CONFIG_FILE,
  MODEL_FORMAT_VERSION,
  assertModelDestination,
  saveMaskedLm,
  WEIGHTS_FILE,
  WEIGHTS_MANIFEST_FILE,
} from './save-load';
export type { SavedModelConfig } from './save-load';
export { SequenceClassifier } from './sequence-classifier';
