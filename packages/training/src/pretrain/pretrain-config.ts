import { createHash } from 'node:crypto';
import { assert, assertInteger, parseWithSchema } from '@ksub/core';
import { z } from 'zod';
import {
  type EmbeddingChoice,
  EmbeddingChoiceSchema,
  presetConfig,
  type TransformerConfig,
  validateConfig,
} from '@ksub/transformer';

/**
 * The token embedding of a pretraining run, as written in a config file: `@ksub/transformer`'s
 * {@link EmbeddingChoice} (re-exported here for existing imports); a relative `allocationFile` is
 * relative to the working directory.
 */
export type { EmbeddingChoice };

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

const int = (min: number) => z.number().int().min(min);
const positive = z.number().positive();

/** Encoder fields, for a full `model` object or `modelOverrides`; values are range-checked by `validateConfig`. */
const encoderFields = {
  vocabSize: int(1),
  hidden: int(1),
  layers: int(0),
  heads: int(1),
  intermediate: int(1),
  maxPositions: int(1),
  typeVocabSize: int(1),
  dropout: z.number(),
  attentionDropout: z.number(),
  layerNormEps: z.number(),
  padId: int(0),
  initStddev: z.number(),
};

/**
 * The schema of a pretraining config file: every key known (a misspelt `stepz` is an error, not
 * ignored), every value of the right type and range. Cross-field rules (warmup ≤ steps,
 * checkpointEvery a multiple of logEvery) are checked after it.
 */
export const PretrainConfigSchema = z.strictObject({
  model: z.union([z.string().min(1), z.strictObject(encoderFields)]),
  modelOverrides: z.strictObject(encoderFields).partial().optional(),
  embedding: EmbeddingChoiceSchema,
  corpus: z.string().min(1),
  tokenizer: z.string().min(1).optional(),
  outDir: z.string().min(1),
  seed: int(0).max(0x7fff_ffff).optional(),
  batchSize: int(1),
  steps: int(1),
  peakLr: positive.optional(),
  warmupSteps: int(0).optional(),
  weightDecay: z.number().min(0).optional(),
  clipNorm: z.number().min(0).optional(),
  maskProbability: z.number().gt(0).lt(1).optional(),
  logEvery: int(1).optional(),
  evalEvery: int(1).optional(),
  evalSequences: int(0).optional(),
  checkpointEvery: int(1).optional(),
  keepCheckpoints: int(1).optional(),
});

/**
 * Fills defaults and checks every field against {@link PretrainConfigSchema}.
 *
 * @param source - where the config came from (a file path), named in errors
 * @throws TypeError for an unknown key or a wrong type, RangeError for a value out of range;
 *   both name the key and the value.
 */
export function resolvePretrainConfig(input: PretrainConfig, source?: string): ResolvedPretrainConfig {
  const fn = 'PretrainConfig';
  parseWithSchema(fn, PretrainConfigSchema, input, source);
  // the input itself (not zod's copy) goes on, so key order, and with it the config hash that
  // checkpoints record, stays what it was
  const config = input;
  const model =
    typeof config.model === 'string'
      ? presetConfig(config.model, config.modelOverrides ?? {})
      : validateConfig({ ...config.model, ...(config.modelOverrides ?? {}) });
  const e = config.embedding;
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
  assertInteger(fn, 'warmupSteps', resolved.warmupSteps, { min: 0, max: resolved.steps });
  assert(
    resolved.checkpointEvery % resolved.logEvery === 0,
    () =>
      `${fn}: checkpointEvery (${resolved.checkpointEvery}) must be a multiple of logEvery (${resolved.logEvery})`,
    RangeError,
  );
  return resolved;
}

/**
 * SHA-256 (hex) of a resolved config without `outDir`, as JSON in the config's own key order: the
 * identity of a run that every checkpoint records (`RunState.configSha256`), so a resume refuses a
 * checkpoint of another config while a moved run directory still resumes. Committed runs depend
 * on these bytes: `pretrain-config.spec.ts` pins them.
 *
 * @example
 * ```ts
 * pretrainConfigHash(resolvePretrainConfig(JSON.parse(readFileSync('run.json', 'utf8'))));
 * ```
 */
export function pretrainConfigHash(config: ResolvedPretrainConfig): string {
  const { outDir: _o, ...rest } = config;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}
