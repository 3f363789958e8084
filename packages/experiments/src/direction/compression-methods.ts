/**
 * The post-hoc compressors compared in the seed-001 table. Kept apart from `compress-model.ts`
 * (which loads TensorFlow.js) so building a grid loads no tensor code.
 */
export const COMPRESSION_METHODS = ['svd', 'ae-mse', 'ae-direction'] as const;

/** One of {@link COMPRESSION_METHODS}. */
export type CompressionMethod = (typeof COMPRESSION_METHODS)[number];
