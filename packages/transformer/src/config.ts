import { assert, assertInteger, describe } from '@ksub/core';

/** Sizes and regularisation of a RoBERTa-style encoder. */
export interface TransformerConfig {
  /** Vocabulary size N. */
  readonly vocabSize: number;
  /** Hidden size d. */
  readonly hidden: number;
  /** Encoder layers. */
  readonly layers: number;
  /** Attention heads (hidden must be a multiple). */
  readonly heads: number;
  /** Feed-forward inner size. */
  readonly intermediate: number;
  /** Learned positions, including RoBERTa's offset of padId + 1 (514 = 512 tokens + 2). */
  readonly maxPositions: number;
  /** Token-type vocabulary (RoBERTa: 1). */
  readonly typeVocabSize: number;
  /** Dropout on embeddings, attention output and feed-forward output. */
  readonly dropout: number;
  /** Dropout on attention probabilities. */
  readonly attentionDropout: number;
  /** LayerNorm epsilon (RoBERTa: 1e-5). */
  readonly layerNormEps: number;
  /** Padding id (RoBERTa: 1); positions count from padId + 1. */
  readonly padId: number;
  /** Standard deviation of the normal weight initialisation (RoBERTa: 0.02). */
  readonly initStddev: number;
}

const ROBERTA_DEFAULTS = {
  typeVocabSize: 1,
  dropout: 0.1,
  attentionDropout: 0.1,
  layerNormEps: 1e-5,
  padId: 1,
  initStddev: 0.02,
} as const;

/**
 * The encoder presets, all with RoBERTa's vocabulary (50,265) and special ids:
 * - `paper-medium`: the paper's RoBERTa-medium (8 layers, 512 hidden, 2,048 FFN, 8 heads, 514
 *   positions; Table 5);
 * - `mini`: 2 layers, 128 hidden, 512 FFN, 2 heads, 130 positions (sequences of 128) — the size of
 *   the PyTorch reference probe, so one pretraining run of ~4M tokens fits well under an
 *   hour on 2 cores; at this size the embedding is 93% of the 6.9M parameters, as in the small models
 *   where embedding compression matters most;
 * - `tiny`: 2 layers, 32 hidden, 64 FFN, 2 heads, 130 positions — seconds per run, for CI.
 */
export const PRESETS: Readonly<Record<'paper-medium' | 'mini' | 'tiny', TransformerConfig>> = Object.freeze({
  'paper-medium': {
    ...ROBERTA_DEFAULTS,
    vocabSize: 50265,
    hidden: 512,
    layers: 8,
    heads: 8,
    intermediate: 2048,
    maxPositions: 514,
  },
  mini: {
    ...ROBERTA_DEFAULTS,
    vocabSize: 50265,
    hidden: 128,
    layers: 2,
    heads: 2,
    intermediate: 512,
    maxPositions: 130,
  },
  tiny: {
    ...ROBERTA_DEFAULTS,
    vocabSize: 50265,
    hidden: 32,
    layers: 2,
    heads: 2,
    intermediate: 64,
    maxPositions: 130,
  },
});

/** Names of {@link PRESETS}. */
export type PresetName = keyof typeof PRESETS;

/**
 * A preset by name, optionally with fields overridden.
 *
 * @throws RangeError naming the preset when it does not exist; errors of {@link validateConfig}.
 */
export function presetConfig(name: string, overrides: Partial<TransformerConfig> = {}): TransformerConfig {
  const base = (PRESETS as Record<string, TransformerConfig>)[name];
  if (base === undefined)
    throw new RangeError(
      `presetConfig: name must be one of ${Object.keys(PRESETS).join(', ')}; got ${describe(name)}`,
    );
  return validateConfig({ ...base, ...overrides });
}

/**
 * Checks every field of a config and returns it: positive integer sizes, hidden divisible by heads,
 * dropouts in [0, 1), a positive epsilon, positions that fit the padding offset.
 *
 * @throws RangeError / TypeError naming the field and its value.
 */
export function validateConfig(config: TransformerConfig): TransformerConfig {
  const fn = 'TransformerConfig';
  assert(
    typeof config === 'object' && config !== null,
    () => `${fn}: config must be an object; got ${describe(config)}`,
    TypeError,
  );
  for (const key of ['vocabSize', 'hidden', 'layers', 'heads', 'intermediate', 'maxPositions'] as const)
    assertInteger(fn, key, config[key], { min: key === 'layers' ? 0 : 1 });
  assertInteger(fn, 'typeVocabSize', config.typeVocabSize, { min: 1 });
  assertInteger(fn, 'padId', config.padId, { min: 0, max: config.vocabSize - 1 });
  assert(
    config.hidden % config.heads === 0,
    () => `${fn}: hidden (${config.hidden}) must be a multiple of heads (${config.heads})`,
    RangeError,
  );
  for (const key of ['dropout', 'attentionDropout'] as const)
    assert(
      typeof config[key] === 'number' && config[key] >= 0 && config[key] < 1,
      () => `${fn}: ${key} must be in [0, 1); got ${describe(config[key])}`,
      RangeError,
    );
  for (const key of ['layerNormEps', 'initStddev'] as const)
    assert(
      typeof config[key] === 'number' && config[key] > 0 && Number.isFinite(config[key]),
      () => `${fn}: ${key} must be a positive number; got ${describe(config[key])}`,
      RangeError,
    );
  assert(
    config.maxPositions > config.padId + 1,
    () => `${fn}: maxPositions (${config.maxPositions}) must exceed padId + 1 (${config.padId + 1})`,
    RangeError,
  );
  return config;
}

/** Longest sequence the config's positions allow: maxPositions − padId − 1. */
export function maxSequenceLength(config: TransformerConfig): number {
  return config.maxPositions - config.padId - 1;
}
