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
export { encodeTableFactors } from './graph-model/compressed/encode-table-factors';
export type { EncodedTableFactors } from './graph-model/compressed/encode-table-factors';
export { decodeTableFactors } from './graph-model/compressed/decode-table-factors';
export type {
  FactorArrayDescription,
  FactorArrayDtype,
  LowRankDescription,
  SubTablesDescription,
  TableFactorsDescription,
} from './graph-model/compressed/table-factors-description';
export {
  KSUB_TABLE_BIN,
  KSUB_TABLE_FORMAT,
  KSUB_TABLE_JSON,
  KSUB_TABLE_METADATA_KEY,
  KSUB_TABLE_VERSION,
} from './graph-model/compressed/ksub-table-file';
export type { KsubTableFile } from './graph-model/compressed/ksub-table-file';
export { writeCompressedGraphModel } from './graph-model/compressed/write-compressed-graph-model';
export type {
  CompressedModelReport,
  ModelDirectoryBytes,
} from './graph-model/compressed/write-compressed-graph-model';
export { readCompressedGraphModel } from './graph-model/compressed/read-compressed-graph-model';
