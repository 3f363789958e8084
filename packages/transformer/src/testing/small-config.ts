import { presetConfig, type TransformerConfig } from '../config';

/** A config small enough for exact unit tests: 23 tokens, d = 8, one layer of two heads. */
export const SMALL_CONFIG: TransformerConfig = presetConfig('tiny', {
  vocabSize: 23,
  hidden: 8,
  layers: 1,
  heads: 2,
  intermediate: 16,
  maxPositions: 12,
});
