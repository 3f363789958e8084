export { assert, assertInteger, describe } from './assert';
export type { ErrorConstructorLike, IntegerBounds } from './assert';
export { FormatError, RegistryError } from './errors';
export { MAX_SEED, Rng } from './random';
export { allocationDim, validateAllocation } from './allocation';
export type { Allocation } from './allocation';
export { createEmbeddingMatrix, matrixRow } from './embedding-matrix';
export type { EmbeddingMatrix } from './embedding-matrix';
export { encoderParamCount } from './encoder-params';
export type { EncoderParamBreakdown, EncoderShape } from './encoder-params';
export type { TextDocument } from './text-document';
export type { Progress, ProgressFactory, ProgressStart } from './progress-report';
export { Registry } from './registry';
export type { RegistryNames } from './registry';
export { validateMatrix } from './validate-matrix';
export { fillNormal } from './fill-normal';
export { parseWithSchema } from './parse-with-schema';
export { fileError, withFileContext } from './file-error';
export { withDefaults } from './with-defaults';
export type { WithDefaults } from './with-defaults';
export {
  codeArrayFor,
  factorBytes,
  factorParameters,
  reconstructTable,
  validateTableFactors,
} from './table/table-factors';
export type { LowRankFactors, SubTableFactors, TableFactors } from './table/table-factors';
export type { CompressedTable, TableBudget, TableCompressor } from './table/table-compressor';
export { lowRankFor, subTableShape } from './table/table-budget';
export type { SubTableShape, SubTableShapeOptions } from './table/table-budget';
