import { join } from 'node:path';
import { Rng } from '@ksub/core';
import { createProgress, lockRunDirectory } from '@ksub/core/node';
import { collateMlm, type MlmBatch, openCorpus } from '@ksub/corpus';
import { getTokenizer, type Tokenizer } from '@ksub/tokenizers';
import { MaskedLanguageModel, maxSequenceLength } from '@ksub/transformer';
import { resolveEmbedding, saveMaskedLm } from '@ksub/transformer/node';
import { AdamW } from '../adamw';
import { listCheckpoints, removeDeadWriters } from '../checkpoint';
import { linearWarmupDecay } from '../schedule';
import { DataOrder, mixSeed } from './data-order';
import { MetricsLog } from './metrics-log';
import { UnigramBaseline } from './unigram';
import { mlmLoss, trainStep } from './train-step';
import { evaluateMlm } from './evaluate-mlm';
import {
  type PretrainConfig,
  pretrainConfigHash,
  type ResolvedPretrainConfig,
  resolvePretrainConfig,
} from './pretrain-config';
import { loadRunCheckpoint, type RunState, saveRunCheckpoint } from './run-checkpoint';

/** Options of {@link pretrain}. */
export interface PretrainOptions {
  /** Continue from the newest checkpoint in outDir (default false: outDir must hold none). */
  readonly resume?: boolean;
  /** Show a progress bar (default true). */
  readonly progress?: boolean;
  /** Stop after this many updates of this invocation (for tests and time-sliced runs). */
  readonly stopAfter?: number;
  /** Where lines about the run go (default stderr). */
  readonly log?: (line: string) => void;
  /** Where the config came from (a file path), named in config errors. */
  readonly configSource?: string;
}

/** What a finished (or stopped) run reports. */
export interface PretrainResult {
  readonly step: number;
  readonly resumedFrom: number | null;
  /** Last validation, if any. */
  readonly validation: { loss: number; perplexity: number; accuracy: number } | null;
  readonly tokensPerSecond: number;
  readonly parameters: number;
  readonly outDir: string;
}

const COLLATOR_STREAM = 1_000_003;

/**
 * Masked-language-model pretraining, resumable and crash-safe: AdamW (β 0.9/0.98, ε 1e-6, decay
 * 0.01 except biases and LayerNorm), linear warmup and decay, optional clipping, RoBERTa masking
 * from `@ksub/corpus`; a progress bar; `metrics.jsonl` (training loss per logEvery updates,
 * validation loss / perplexity / masked accuracy); atomic checkpoints (weights, optimizer moments,
 * step; data order, masking and dropout are functions of seed and step). A resumed run ends with
 * the same weights and metrics as an uninterrupted one.
 *
 * The run directory is locked for the whole run (`outDir/.ksub.lock`): a second run into the same
 * directory fails at once, naming the holder, before it reads or writes anything there.
 *
 * @throws LockedError when another live run holds outDir; Error when outDir already has
 *   checkpoints and `resume` is off; FormatError for a corrupt checkpoint or one written with
 *   another config.
 */
export async function pretrain(
  input: PretrainConfig,
  options: PretrainOptions = {},
): Promise<PretrainResult> {
  const config = resolvePretrainConfig(input, options.configSource);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const lock = await lockRunDirectory(config.outDir, 'pretrain');
  try {
    return await runPretraining(config, options, log);
  } finally {
    await lock.release();
  }
}

async function runPretraining(
  config: ResolvedPretrainConfig,
  options: PretrainOptions,
  log: (line: string) => void,
): Promise<PretrainResult> {
  const tokenizer: Tokenizer = await getTokenizer(config.tokenizer);
  if (tokenizer.vocabSize !== config.model.vocabSize)
    throw new RangeError(
      `pretrain: the ${config.tokenizer} tokenizer has ${tokenizer.vocabSize} tokens, the model config ${config.model.vocabSize}`,
    );
  const corpus = await openCorpus(config.corpus, { tokenizer });
  if (corpus.manifest.maxLength > maxSequenceLength(config.model))
    throw new RangeError(
      `pretrain: the corpus packs sequences of up to ${corpus.manifest.maxLength} tokens; the model takes ${maxSequenceLength(config.model)} (raise maxPositions)`,
    );
  const train: Int32Array[] = [];
  for await (const s of corpus.sequences('train')) train.push(s.ids);
  const validation: Int32Array[] = [];
  for await (const s of corpus.sequences('validation')) {
    if (validation.length >= config.evalSequences) break;
    validation.push(s.ids);
  }
  const hash = pretrainConfigHash(config);
  // a relative allocationFile is relative to the working directory, as it always was
  const spec = await resolveEmbedding(config.embedding, process.cwd());
  const model = MaskedLanguageModel.fromSpec(config.model, spec, config.seed);
  const params = model.params.all();
  const optimizer = new AdamW(params, { weightDecay: config.weightDecay });
  const metrics = new MetricsLog(join(config.outDir, 'metrics.jsonl'));
  for (const orphan of await removeDeadWriters(config.outDir))
    log(`pretrain: removed ${orphan}, an unfinished checkpoint of a run that died`);
  const checkpoints = await listCheckpoints(config.outDir);
  let step = 0;
  let resumedFrom: number | null = null;
  try {
    if (checkpoints.length > 0 && !options.resume)
      throw new Error(
        `pretrain: ${config.outDir} already has checkpoints (newest: step ${checkpoints.at(-1)?.step}); pass resume or choose another outDir`,
      );
    const latest = checkpoints.at(-1);
    if (options.resume && latest !== undefined) {
      const state = await loadRunCheckpoint(latest.path, { params: model.params, optimizer }, hash);
      await metrics.truncate(state.metricsLines);
      step = state.step;
      resumedFrom = step;
      log(`pretrain: resumed from ${latest.path} (step ${step})`);
    } else if (options.resume) {
      log(`pretrain: no checkpoint in ${config.outDir}; starting at step 0`);
      await metrics.truncate(0).catch(() => undefined);
    } else {
      await metrics.truncate(0).catch(() => undefined);
    }

    const order = new DataOrder(config.seed, train.length);
    const unigram = new UnigramBaseline(train, tokenizer.vocabSize, (id) => tokenizer.isSpecial(id));
    const mlmOptions = (rng: Rng) => ({
      specialIds: tokenizer.specialIds,
      isSpecial: (id: number) => tokenizer.isSpecial(id),
      vocabSize: tokenizer.vocabSize,
      rng,
      maskProbability: config.maskProbability,
    });
    const validate = async (): Promise<{ loss: number; perplexity: number; accuracy: number } | null> => {
      if (validation.length === 0) return null;
      const { loss, perplexity, accuracy, unigramLoss, positions } = evaluateMlm(model, validation, {
        tokenizer,
        seed: config.seed,
        batchSize: config.batchSize,
        maskProbability: config.maskProbability,
        unigram,
      });
      await metrics.write({ type: 'validation', step, loss, perplexity, accuracy, unigramLoss, positions });
      return { loss, perplexity, accuracy };
    };

    const bar =
      options.progress === false
        ? null
        : createProgress({ label: 'pretrain', total: config.steps, unit: 'steps', initial: step });
    let lastValidation: PretrainResult['validation'] = null;
    let intervalLoss = 0;
    let intervalSteps = 0;
    let tokens = 0;
    const started = performance.now();
    let done = 0;
    while (step < config.steps && (options.stopAfter === undefined || done < options.stopAfter)) {
      const u = step + 1;
      const sequences: Int32Array[] = [];
      for (let i = 0; i < config.batchSize; i++)
        sequences.push(train[order.at(step * config.batchSize + i).index] as Int32Array);
      const batch: MlmBatch = collateMlm(
        sequences,
        mlmOptions(Rng.fromSeed(mixSeed(config.seed, COLLATOR_STREAM + u))),
      );
      const lr = linearWarmupDecay(config.peakLr, config.warmupSteps, config.steps, u);
      const { loss, gradNorm } = await trainStep(mlmLoss(model, batch, mixSeed(config.seed, u)), optimizer, {
        lr,
        clipNorm: config.clipNorm,
      });
      step = u;
      done++;
      tokens += batch.attentionMask.reduce((a, b) => a + b, 0);
      intervalLoss += loss;
      intervalSteps++;
      const elapsed = (performance.now() - started) / 1000;
      if (step % config.logEvery === 0 || step === config.steps) {
        await metrics.write({
          type: 'train',
          step,
          loss: intervalLoss / intervalSteps,
          lr,
          gradNorm,
          tokensPerSecond: tokens / elapsed,
          elapsedSeconds: elapsed,
        });
        intervalLoss = 0;
        intervalSteps = 0;
      }
      if (step % config.evalEvery === 0 || step === config.steps) lastValidation = await validate();
      bar?.tick(1, { loss, 'tok/s': Math.round(tokens / elapsed) });
      if (step % config.checkpointEvery === 0 || step === config.steps) {
        const state: RunState = {
          step,
          samplesSeen: step * config.batchSize,
          epoch: Math.floor((step * config.batchSize) / train.length),
          metricsLines: metrics.lines,
          configSha256: hash,
          nextCollatorSeed: mixSeed(config.seed, COLLATOR_STREAM + step + 1),
          nextDropoutSeed: mixSeed(config.seed, step + 1),
        };
        await saveRunCheckpoint(
          config.outDir,
          { params: model.params, optimizer },
          state,
          config.keepCheckpoints,
        );
      }
    }
    bar?.stop();
    const seconds = (performance.now() - started) / 1000;
    if (step === config.steps)
      await saveMaskedLm(join(config.outDir, 'model'), model, { tokenizer: config.tokenizer });
    return {
      step,
      resumedFrom,
      validation: lastValidation,
      tokensPerSecond: tokens / Math.max(seconds, 1e-9),
      parameters: model.countParams(),
      outDir: config.outDir,
    };
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}
