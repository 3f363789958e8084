export { bfloat16ToNumber, float16ToNumber } from './half-precision';
export { readSafetensors, safetensorsIndex, writeSafetensors } from './safetensors';
export type { SafetensorsEntry } from './safetensors';
export { readNpy, writeNpy } from './npy';
export type { ChunkedReadOptions } from './chunked-read';
export { readTfjsWeight } from './tfjs-weights';
export { defaultGloveWord, readGloveAligned } from './glove';
export type { AlignedVectors, GloveAlignOptions } from './glove';
