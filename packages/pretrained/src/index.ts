export { bfloat16ToNumber, float16ToNumber } from './half-precision';
export { readSafetensors, safetensorsIndex, writeSafetensors } from './safetensors';
export type { SafetensorsEntry } from './safetensors';
export { readNpy, writeNpy } from './npy';
export type { ChunkedReadOptions } from './chunked-read';
export { readTfjsWeight } from './tfjs-weights';
export { defaultGloveWord, readGloveAligned } from './glove';
export type { AlignedVectors, GloveAlignOptions } from './glove';
export type {
  GraphModelArtifacts,
  GraphModelFiles,
  GraphWeightSpec,
} from './graph-model/graph-model-artifacts';
export { readGraphModelFiles } from './graph-model/read-graph-model-files';
export { graphModelWeight } from './graph-model/graph-model-weight';
export { replaceGraphModelWeight } from './graph-model/replace-graph-model-weight';
export { graphModelHandler } from './graph-model/graph-model-handler';
export type { GraphModelIOHandler } from './graph-model/graph-model-handler';
export type { GraphModelRunner, TensorFactory, TensorHandle } from './graph-model/tensor-runtime';
export { USE_LITE } from './graph-model/use-lite-model';
export { useLiteInputs } from './graph-model/use-lite-inputs';
export type { UseLiteInputs } from './graph-model/use-lite-inputs';
export { embedUseLite } from './graph-model/embed-use-lite';
