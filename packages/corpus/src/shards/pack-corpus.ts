import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { assert, assertInteger, describe, fileError } from '@ksub/core';
import { lockBeside, createProgress, writeFileAtomic } from '@ksub/core/node';
import type { Tokenizer } from '@ksub/tokenizers';
import type { CorpusSource, SkipReason } from '../sources/corpus-source';
import { assertReplaceable, inspectCorpusTarget } from './corpus-target';
import { installCorpus } from './install-corpus';
import { type CorpusManifest, MANIFEST_FILE, MANIFEST_VERSION, type Split } from './manifest';
import { SequencePacker } from './sequence-packer';
import { bytesPerToken } from './shard-file';
import { ShardWriter } from './shard-writer';
import { splitOf } from './split-of';
import { createStagingDir, sweepStagingDirs, unmarkStagingDir } from './staging-dir';

/** Options of {@link packCorpus}. */
export interface PackCorpusOptions {
  readonly source: CorpusSource;
  readonly tokenizer: Tokenizer;
  /**
   * Directory to create. It must not exist, be empty, or (with `force`) hold a ksub corpus, which is
   * replaced as a whole when packing succeeds; anything else there is refused and left untouched.
   */
  readonly outDir: string;
  /** Replace a ksub corpus already at `outDir` (default false: refuse). Never replaces anything else. */
  readonly force?: boolean;
  /** Longest sequence, `<s>`/`</s>` included (default 128, the paper's fine-tuning length). */
  readonly maxLength?: number;
  /** Tokens per shard file before starting the next (default 4,194,304). */
  readonly shardTokens?: number;
  /** Share of documents held out for validation, by id hash (default 0.01). */
  readonly validationFraction?: number;
  /** Show progress (default true). */
  readonly progress?: boolean;
}

type Settings = Required<Omit<PackCorpusOptions, 'outDir' | 'force'>>;

/**
 * Tokenizes a corpus and packs it into binary shards plus a manifest (see `CorpusManifest`):
 * documents stream through the tokenizer into `<s> … </s>` sequences of at most `maxLength` tokens
 * (RoBERTa's FULL-SENTENCES packing), split into train and validation by a hash of the document id,
 * written as checksummed shards (16-bit tokens when the vocabulary fits). Memory stays flat. Empty
 * documents and inputs the source skips are counted in the manifest.
 *
 * Safe with the user's files: packing holds an exclusive lock (`outDir.lock`, so a second packing
 * into the same directory fails at once, naming the first), refuses before any work when `outDir`
 * holds anything but a ksub corpus (and a ksub corpus unless `force`), builds the result in a
 * fresh staging directory beside it and moves it into place only when complete (see
 * `installCorpus`), so a crash never leaves a half-written corpus that looks finished. Staging
 * directories that crashed packings left are removed; nothing else is.
 *
 * @throws Error naming `outDir` when it holds something that may not be replaced; LockedError
 *   naming the holder when another packing holds the lock; RangeError/TypeError for bad options
 * @example
 * ```ts
 * const manifest = await packCorpus({
 *   source: getCorpus('english-offline'), tokenizer: await getTokenizer('roberta-gpt2'), outDir: 'data/en',
 * });
 * manifest.counts.tokens.train;
 * ```
 */
export async function packCorpus(options: PackCorpusOptions): Promise<CorpusManifest> {
  const fn = 'packCorpus';
  const { source, tokenizer, outDir } = options;
  const force = options.force ?? false;
  const settings: Settings = {
    source,
    tokenizer,
    maxLength: options.maxLength ?? 128,
    shardTokens: options.shardTokens ?? 4 * 1024 * 1024,
    validationFraction: options.validationFraction ?? 0.01,
    progress: options.progress ?? true,
  };
  const { validationFraction } = settings;
  assertInteger(fn, 'maxLength', settings.maxLength, { min: 3 });
  assertInteger(fn, 'shardTokens', settings.shardTokens, { min: 1 });
  assert(
    typeof validationFraction === 'number' && validationFraction >= 0 && validationFraction < 1,
    () => `${fn}: validationFraction must be a number in [0, 1); got ${describe(validationFraction)}`,
    RangeError,
  );
  assert(
    typeof outDir === 'string' && outDir.length > 0,
    () => `${fn}: outDir must be a path; got ${describe(outDir)}`,
    TypeError,
  );
  assert(
    typeof force === 'boolean',
    () => `${fn}: force must be a boolean; got ${describe(force)}`,
    TypeError,
  );

  const out = resolve(outDir);
  try {
    await mkdir(dirname(out), { recursive: true });
  } catch (error) {
    // mkdir says EEXIST when the parent exists but is not a directory
    if ((error as { code?: unknown }).code === 'EEXIST')
      throw new Error(
        `${fn}: the parent of outDir ${out} must be a directory; got a file at ${dirname(out)}`,
      );
    throw fileError(error, 'create the parent directory', dirname(out));
  }
  const lock = await lockBeside(out, 'corpus:prepare');
  try {
    assertReplaceable(fn, out, await inspectCorpusTarget(out), force);
    await sweepStagingDirs(out);
    const staging = await createStagingDir(out);
    let installed = false;
    try {
      const manifest = await packInto(staging, settings);
      await writeFileAtomic(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
      await unmarkStagingDir(staging);
      await installCorpus(fn, staging, out, force);
      installed = true;
      return manifest;
    } finally {
      // created exclusively by this call, so it is ours whether or not it still has its marker
      if (!installed) await rm(staging, { recursive: true, force: true });
    }
  } finally {
    await lock.release();
  }
}

/** Streams the source through the tokenizer and packer into shards in `dir`; returns the manifest. */
async function packInto(dir: string, s: Settings): Promise<CorpusManifest> {
  const { source, tokenizer, maxLength, shardTokens, validationFraction } = s;
  const width = bytesPerToken(tokenizer.vocabSize);
  const writers = {
    train: new ShardWriter(dir, 'train', width, shardTokens),
    validation: new ShardWriter(dir, 'validation', width, shardTokens),
  };
  const queue: Array<[Split, Int32Array]> = [];
  const { bos, eos } = tokenizer.specialIds;
  const packers = {
    train: new SequencePacker(maxLength, bos, eos, (seq) => queue.push(['train', seq])),
    validation: new SequencePacker(maxLength, bos, eos, (seq) => queue.push(['validation', seq])),
  };
  const drain = async () => {
    for (const [split, sequence] of queue.splice(0)) await writers[split].add(sequence);
  };
  const docs = { read: 0, train: 0, validation: 0, empty: 0 };
  const inputsSkipped: Partial<Record<SkipReason, number>> = {};
  const bar = s.progress ? createProgress({ label: `pack ${source.name}`, unit: 'docs' }) : undefined;

  try {
    for await (const doc of source.documents({
      onSkip: (skip) => (inputsSkipped[skip.reason] = (inputsSkipped[skip.reason] ?? 0) + 1),
    })) {
      docs.read++;
      const ids =
        doc.text.trim().length === 0
          ? new Int32Array(0)
          : tokenizer.encode(doc.text, { addSpecialTokens: false });
      if (ids.length === 0) {
        docs.empty++;
        continue;
      }
      const split = splitOf(doc.id, validationFraction);
      docs[split]++;
      packers[split].add(ids);
      await drain();
      bar?.tick(1, { tokens: writers.train.tokens + writers.validation.tokens });
    }
    packers.train.finish();
    packers.validation.finish();
    await drain();
    await writers.train.flush();
    await writers.validation.flush();
  } finally {
    bar?.stop();
  }

  return {
    format: 'ksub-corpus',
    version: MANIFEST_VERSION,
    corpus: { name: source.name, description: source.description },
    tokenizer: { name: tokenizer.name, id: tokenizer.id, vocabSize: tokenizer.vocabSize },
    maxLength,
    bytesPerToken: width,
    validationFraction,
    counts: {
      documents: docs,
      inputsSkipped,
      tokens: { train: writers.train.tokens, validation: writers.validation.tokens },
      sequences: { train: writers.train.sequences, validation: writers.validation.sequences },
    },
    shards: [...writers.train.entries, ...writers.validation.entries],
  };
}
