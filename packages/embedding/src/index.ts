import './register';

export type { TokenEmbedding } from './token-embedding';
export { FullEmbedding } from './layers/full-embedding';
export type { FullEmbeddingArgs } from './layers/full-embedding';
export { KSubEmbedding } from './layers/ksub-embedding';
export type { KSubEmbeddingArgs, SerializedAllocation } from './layers/ksub-embedding';
export { FactorizedEmbedding } from './layers/factorized-embedding';
export type { FactorizedEmbeddingArgs } from './layers/factorized-embedding';
