import './register';

export { DEFAULT_KMEANS_OPTIONS, kmeans } from './kmeans';
export type { KMeansOptions, KMeansResult } from './kmeans';
export { equalSizeKmeans } from './equal-size-kmeans';
export type { EqualSizeKMeansOptions } from './equal-size-kmeans';
export { ClusteredAllocator } from './clustered-allocator';
export type { ClusteredOptions } from './clustered-allocator';
export { neighbourSharing } from './neighbour-sharing';
export type { NeighbourSharing, NeighbourSharingOptions } from './neighbour-sharing';
export { DEFAULT_PRODUCT_QUANTIZE_OPTIONS, productQuantize } from './product-quantize';
export type { ProductQuantizeOptions } from './product-quantize';
export { pqTable } from './pq-table';
export type { PqTableOptions } from './pq-table';
export { gaussianBlobs } from './testing-blobs';
