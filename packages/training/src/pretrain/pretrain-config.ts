import { assert, assertInteger, describe } from '@ksub/core';
import { presetConfig, type TransformerConfig, validateConfig } from '@ksub/transformer';

/** The token embedding of a pretraining run, as written in a config file. */
export type EmbeddingChoice =
  | { readonly kind: 'full' }
  | { readonly kind: 'ksub'; readonly allocationFile: string }
  | { readonly kind: 'factorized'; readonly rank: number; readonly bias?: boolean };

/** Everything that defines a pretraining run (a JSON file for `experiments:pretrain`). */
export interface PretrainConfig {
  /** A preset name (`tiny`, `mini`, `paper-medium`) or a full encoder config. */
  readonly model: string | TransformerConfig;
  /** Fields overriding the preset's. */
  readonly modelOverrides?: Partial<TransformerConfig>;
  readonly embedding: EmbeddingChoice;
  /** Directory of a packed corpus (`nx run corpus:prepare`). */
  readonly corpus: string;
  /** Tokenizer registry name the corpus was packed with (default `roberta-gpt2`). */
  readonly tokenizer?: string;
  /** Run directory: metrics.jsonl, checkpoints/, model/ (final weights). */
  readonly outDir: string;
  /** Seed of initialisation, data order, masking and dropout (default 1). */
  readonly seed?: number;
  /** Sequences per update. */
  readonly batchSize: number;
  /** Updates. */
  readonly steps: number;
  /** Peak learning rate (default 5e-4). */
  readonly peakLr?: number;
  /** Linear warmup updates (default 6% of steps). */
  readonly warmupSteps?: number;
  /** AdamW decoupled weight decay (default 0.01). */
  readonly weightDecay?: number;
  /** Global gradient-norm clip, 0 = off (default 0, as RoBERTa). */
  readonly clipNorm?: number;
  /** MLM selection probability (default 0.15). */
  readonly maskProbability?: number;
  /** Training loss is logged as the mean over this many updates (default 10). */
  readonly logEvery?: number;
  /** Validation every this many updates, and at the end (default 100). */
  readonly evalEvery?: number;
  /** Validation sequences scored each time (default 256; the split's first ones). */
  readonly evalSequences?: number;
  /** Checkpoint every this many updates (a multiple of logEvery; default 100). */
  readonly checkpointEvery?: number;
  /** Checkpoints kept (default 3). */
  readonly keepCheckpoints?: number;
}

/** A config with every default filled in and the encoder resolved. */
export interface ResolvedPretrainConfig extends Required<Omit<PretrainConfig, 'model' | 'modelOverrides'>> {
  readonly model: TransformerConfig;
}

/**
 * Fills defaults and checks every field.
 *
 * @throws RangeError / TypeError naming the field and its value.
 */
export function resolvePretrainConfig(config: PretrainConfig): ResolvedPretrainConfig {
  const fn = 'PretrainConfig';
  assert(
    typeof config === 'object' && config !== null,
    () => `${fn}: must be an object; got ${describe(config)}`,
    TypeError,
  );
  const model =
    typeof config.model === 'string'
      ? presetConfig(config.model, config.modelOverrides ?? {})
      : validateConfig({ ...config.model, ...(config.modelOverrides ?? {}) });
  for (const key of ['corpus', 'outDir'] as const)
    assert(
      typeof config[key] === 'string' && config[key].length > 0,
      () => `${fn}: ${key} must be a path; got ${describe(config[key])}`,
      TypeError,
    );
  const e = config.embedding;
  assert(
    typeof e === 'object' && e !== null && ['full', 'ksub', 'factorized'].includes(e.kind),
    () => `${fn}: embedding.kind must be full, ksub or factorized; got ${describe(e?.kind)}`,
    TypeError,
  );
  if (e.kind === 'ksub')
    assert(
      typeof e.allocationFile === 'string',
      () => `${fn}: embedding.allocationFile must be a path; got ${describe(e.allocationFile)}`,
      TypeError,
    );
  if (e.kind === 'factorized') assertInteger(fn, 'embedding.rank', e.rank, { min: 1 });
  assertInteger(fn, 'batchSize', config.batchSize, { min: 1 });
  assertInteger(fn, 'steps', config.steps, { min: 1 });
  const resolved: ResolvedPretrainConfig = {
    model,
    embedding: e,
    corpus: config.corpus,
    tokenizer: config.tokenizer ?? 'roberta-gpt2',
    outDir: config.outDir,
    seed: config.seed ?? 1,
    batchSize: config.batchSize,
    steps: config.steps,
    peakLr: config.peakLr ?? 5e-4,
    warmupSteps: config.warmupSteps ?? Math.round(0.06 * config.steps),
    weightDecay: config.weightDecay ?? 0.01,
    clipNorm: config.clipNorm ?? 0,
    maskProbability: config.maskProbability ?? 0.15,
    logEvery: config.logEvery ?? 10,
    evalEvery: config.evalEvery ?? 100,
    evalSequences: config.evalSequences ?? 256,
    checkpointEvery: config.checkpointEvery ?? 100,
    keepCheckpoints: config.keepCheckpoints ?? 3,
  };
  assertInteger(fn, 'seed', resolved.seed, { min: 0, max: 0x7fff_ffff });
  assert(
    resolved.peakLr > 0,
    () => `${fn}: peakLr must be > 0; got ${describe(resolved.peakLr)}`,
    RangeError,
  );
  assertInteger(fn, 'warmupSteps', resolved.warmupSteps, { min: 0, max: resolved.steps });
  assert(
    resolved.weightDecay >= 0,
    () => `${fn}: weightDecay must be ≥ 0; got ${describe(resolved.weightDecay)}`,
    RangeError,
  );
  assert(
    resolved.clipNorm >= 0,
    () => `${fn}: clipNorm must be ≥ 0; got ${describe(resolved.clipNorm)}`,
    RangeError,
  );
  for (const key of ['logEvery', 'evalEvery', 'checkpointEvery', 'keepCheckpoints'] as const)
    assertInteger(fn, key, resolved[key], { min: 1 });
  assertInteger(fn, 'evalSequences', resolved.evalSequences, { min: 0 });
  assert(
    resolved.checkpointEvery % resolved.logEvery === 0,
    () =>
      `${fn}: checkpointEvery (${resolved.checkpointEvery}) must be a multiple of logEvery (${resolved.logEvery})`,
    RangeError,
  );
  return resolved;
}
