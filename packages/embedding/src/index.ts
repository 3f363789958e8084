import './register';

export type { TokenEmbedding } from './token-embedding';
export { FullEmbedding } from './layers/full-embedding';
export type { FullEmbeddingArgs } from './layers/full-embedding';
export { KSubEmbedding } from './layers/ksub-embedding';
export type { KSubEmbeddingArgs, SerializedAllocation } from './layers/ksub-embedding';
export { FactorizedEmbedding } from './layers/factorized-embedding';
export type { FactorizedEmbeddingArgs } from './layers/factorized-embedding';
export { svdCompress } from './compress/svd-compress';
export type { SvdCompression } from './compress/svd-compress';
export { autoencoderCompress } from './compress/autoencoder-compress';
export type { AutoencoderCompression, AutoencoderOptions } from './compress/autoencoder-compress';
export {
  DIRECTION_LOSS,
  directionAlpha,
  reconstructionLoss,
  rowCosine,
} from './compress/reconstruction-loss';
export type { ReconstructionLoss } from './compress/reconstruction-loss';
export { compressionReport, embeddingToMatrix } from './compress/compression-report';
export type { CompressionReport } from './compress/compression-report';
export { factorizedToFactors } from './compress/table/low-rank-factors';
export { svdTable } from './compress/table/svd-table';
export { autoencoderTable } from './compress/table/autoencoder-table';
export type { AutoencoderTableOptions } from './compress/table/autoencoder-table';
export { fitSubTables } from './compress/table/fit-sub-tables';
export type { SubTableAssignment } from './compress/table/fit-sub-tables';
export { ksubTable } from './compress/table/ksub-table';
