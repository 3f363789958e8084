export { describeTableCompressorConformance } from './table-compressor-conformance';
export type { TableCompressorConformanceOptions } from './table-compressor-conformance';
export { readmeExample, runReadmeExample } from './readme-examples';
export type { ReadmeExample, ReadmeExampleOptions, ReadmeExampleRun } from './readme-examples';
