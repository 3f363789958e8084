export { assert, assertInteger, describe } from './assert';
export type { ErrorConstructorLike, IntegerBounds } from './assert';
export { FormatError, RegistryError } from './errors';
export { MAX_SEED, Rng } from './random';
export { allocationDim, validateAllocation } from './allocation';
export type { Allocation } from './allocation';
export { writeFileAtomic } from './write-file-atomic';
export { createEmbeddingMatrix, matrixRow } from './embedding-matrix';
export type { EmbeddingMatrix } from './embedding-matrix';
