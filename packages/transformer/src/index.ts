export { maxSequenceLength, PRESETS, presetConfig, validateConfig } from './config';
export type { PresetName, TransformerConfig } from './config';
export { ParameterSet } from './parameters';
export type { Parameter } from './parameters';
export { positionIds, RobertaEncoder } from './encoder';
export type { EmbeddingLayer, EncoderInput } from './encoder';
export { ClassificationHead, MlmHead } from './heads';
export { createEmbedding } from './embedding-spec';
export type { EmbeddingSpec } from './embedding-spec';
export { EmbeddingChoiceSchema, embeddingChoice } from './embedding-choice';
export type { EmbeddingChoice } from './embedding-choice';
export { MaskedLanguageModel } from './masked-lm';
export { replaceEmbedding } from './replace-embedding';
export type { ForwardOptions, MlmEvaluation, MlmInput } from './masked-lm';
export { DropoutStream, dense, denseGelu, gelu, layerNorm } from './ops/layers';
export { assignParameters, encodeParameters } from './parameters-codec';
export { float32ToFloat16 } from './float16';
export type { SavedWeightsDtype } from './float16';
export {
  ALLOCATION_FILE,
  MODEL_CONFIG_FILE,
  MODEL_FORMAT_VERSION,
  WEIGHTS_FILE,
  WEIGHTS_MANIFEST_FILE,
} from './saved-model-config';
export type { SavedModelConfig } from './saved-model-config';
export { SequenceClassifier } from './sequence-classifier';
