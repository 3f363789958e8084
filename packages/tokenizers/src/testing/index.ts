export { describeTokenizerConformance } from './conformance';
export type { TokenizerConformanceOptions } from './conformance';
