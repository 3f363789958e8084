export { describeTableCompressorConformance } from './table-compressor-conformance';
export type { TableCompressorConformanceOptions } from './table-compressor-conformance';
