export { describeTokenEmbeddingConformance } from './conformance';
export type { EmbeddingConformanceOptions, EmbeddingLayer } from './conformance';
