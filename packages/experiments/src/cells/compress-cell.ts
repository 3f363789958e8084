import { dirname } from 'node:path';
import { MAX_SEED } from '@ksub/core';
import { lockRunDirectory, writeFileAtomic } from '@ksub/core/node';
import { initBackend } from '@ksub/tensor';
import { getTokenizer } from '@ksub/tokenizers';
import {
  evaluateMlm,
  evaluateMlmPositions,
  modelTokenizer,
  UnigramBaseline,
  writePositionsCsv,
} from '@ksub/training';
import { loadMaskedLm, saveMaskedLm } from '@ksub/transformer/node';
import { z } from 'zod';
import { compressModel } from '../direction/compress-model';
import { COMPRESSION_METHODS } from '../direction/compression-methods';
import type { CompressionRecord } from '../direction/compression-record';
import { provenance } from '../report/provenance';
import type { CellContext, CellKind } from './cell-kind';
import { ensureParent, readSplits } from './common';

const int = (min: number) => z.number().int().min(min);

/** A `compress` cell's args (seed 001): which compressor at which code size, on which baseline. */
export const CompressArgsSchema = z.strictObject({
  method: z.enum(COMPRESSION_METHODS),
  /** Code size r. */
  rank: int(1),
  /** The compression ratio r was derived from (recorded). */
  ratio: z.number().positive(),
  /** The trained baseline's saved model. */
  model: z.string().min(1),
  /** The packed corpus the baseline was pretrained on (its validation split is scored). */
  corpus: z.string().min(1),
  /** The baseline's pretraining seed and validation size: scored on its masked positions. */
  seed: int(0).max(MAX_SEED),
  evalSequences: int(1),
  batchSize: int(1),
  /** AutoEncoder training (ignored by SVD). */
  autoencoder: z.strictObject({ epochs: int(1), batchSize: int(1), seed: int(0).max(MAX_SEED) }),
  /** The compressed model's directory, and the record's file. */
  outModel: z.string().min(1),
  out: z.string().min(1),
});

/** {@link CompressArgsSchema}'s type. */
export type CompressArgs = z.infer<typeof CompressArgsSchema>;

/** Where a compression record's per-position MLM scores go: `x.json` → `x.positions.csv`. */
export function positionsPathFor(record: string): string {
  return `${record.replace(/\.json$/, '')}.positions.csv`;
}

/** Compress the baseline's embedding, swap it in, score the masked LM before and after; write the record. */
async function compressLocked(args: CompressArgs, preset: string): Promise<void> {
  const started = performance.now();
  const tokenizerName = await modelTokenizer(args.model, undefined, 'compress');
  const tokenizer = await getTokenizer(tokenizerName);
  const { train, validation } = await readSplits(args.corpus, tokenizer, args.evalSequences);
  const unigram = new UnigramBaseline(train, tokenizer.vocabSize, (id) => tokenizer.isSpecial(id));
  const scoring = { tokenizer, seed: args.seed, batchSize: args.batchSize, unigram };
  const baseline = await loadMaskedLm(args.model);
  try {
    const before = evaluateMlm(baseline, validation, scoring);
    const compressed = await compressModel(baseline, args.method, args.rank, args.autoencoder);
    try {
      const after = evaluateMlm(compressed.model, validation, scoring);
      // the same positions one by one, beside the record: paired differences between methods
      await writePositionsCsv(
        await ensureParent(positionsPathFor(args.out)),
        evaluateMlmPositions(compressed.model, validation, scoring),
      );
      await saveMaskedLm(args.outModel, compressed.model, { tokenizer: tokenizerName });
      const { loss, perplexity, accuracy } = after;
      const p = provenance();
      const record: CompressionRecord = {
        method: args.method,
        rank: args.rank,
        targetRatio: args.ratio,
        params: compressed.report.params,
        fullParams: baseline.embedding.paramCount(),
        ratio: compressed.report.ratio,
        meanCosine: compressed.report.meanCosine,
        relativeFrobenius: compressed.report.relativeFrobenius,
        baseline: { loss: before.loss, perplexity: before.perplexity, accuracy: before.accuracy },
        swapped: { loss, perplexity, accuracy },
        unigramLoss: after.unigramLoss ?? Number.NaN,
        positions: after.positions,
        history: compressed.history,
        provenance: {
          commit: p.commit,
          preset,
          seed: args.seed,
          backend: p.backend,
          compressSeconds: compressed.seconds,
          wallSeconds: (performance.now() - started) / 1000,
          date: p.date,
        },
      };
      await writeFileAtomic(await ensureParent(args.out), `${JSON.stringify(record, null, 2)}\n`);
      process.stdout.write(
        `compress ${args.method} r=${args.rank}: ${record.params} parameters (ratio ${record.ratio.toFixed(1)}), mean cosine ${record.meanCosine.toFixed(3)}; ` +
          `MLM perplexity ${before.perplexity.toFixed(1)} → ${perplexity.toFixed(1)} on ${after.positions} masked positions\n`,
      );
    } finally {
      compressed.model.dispose();
    }
  } finally {
    baseline.dispose();
  }
}

/** Seed 001, one compressor: one writer per compression run directory (its model and record). */
async function runCompress(args: CompressArgs, context: CellContext): Promise<boolean> {
  await initBackend();
  const lock = await lockRunDirectory(dirname(args.outModel), 'compress');
  try {
    await compressLocked(args, context.preset);
  } finally {
    await lock.release();
  }
  return true;
}

/** The `compress` cell kind: post-hoc compression of the trained baseline (seed 001). */
export const compressCell: CellKind<'compress', CompressArgs> = {
  kind: 'compress',
  schema: CompressArgsSchema,
  run: runCompress,
};
