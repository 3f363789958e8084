import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assert, assertInteger, createProgress, describe, writeFileAtomic } from '@ksub/core';
import type { Tokenizer } from '@ksub/tokenizers';
import type { CorpusSource, SkipReason } from '../sources/corpus-source';
import {
  type CorpusManifest,
  MANIFEST_FILE,
  MANIFEST_VERSION,
  type ShardEntry,
  type Split,
} from './manifest';
import { SequencePacker } from './sequence-packer';
import { bytesPerToken, encodeShard, shardChecksum } from './shard-file';
import { splitOf } from './split-of';

/** Options of {@link packCorpus}. */
export interface PackCorpusOptions {
  readonly source: CorpusSource;
  readonly tokenizer: Tokenizer;
  /** Directory to create (replaced as a whole when packing succeeds). */
  readonly outDir: string;
  /** Longest sequence, `<s>`/`</s>` included (default 128, the paper's fine-tuning length). */
  readonly maxLength?: number;
  /** Tokens per shard file before starting the next (default 4,194,304). */
  readonly shardTokens?: number;
  /** Share of documents held out for validation, by id hash (default 0.01). */
  readonly validationFraction?: number;
  /** Show progress (default true). */
  readonly progress?: boolean;
}

/** Collects one split's sequences into shard files. */
class ShardWriter {
  private pending: Int32Array[] = [];
  private pendingTokens = 0;
  readonly entries: ShardEntry[] = [];
  sequences = 0;
  tokens = 0;

  constructor(
    private readonly dir: string,
    private readonly split: Split,
    private readonly width: 2 | 4,
    private readonly shardTokens: number,
  ) {}

  async add(sequence: Int32Array): Promise<void> {
    this.pending.push(sequence);
    this.pendingTokens += sequence.length;
    this.sequences++;
    this.tokens += sequence.length;
    if (this.pendingTokens >= this.shardTokens) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const file = `${this.split}-${String(this.entries.length).padStart(5, '0')}.bin`;
    const bytes = encodeShard(this.pending, this.width);
    await writeFileAtomic(join(this.dir, file), bytes);
    this.entries.push({
      file,
      split: this.split,
      sequences: this.pending.length,
      tokens: this.pendingTokens,
      sha256: shardChecksum(bytes),
    });
    this.pending = [];
    this.pendingTokens = 0;
  }
}

/**
 * Tokenizes a corpus and packs it into binary shards plus a manifest (see `CorpusManifest`):
 * documents stream through the tokenizer into `<s> … </s>` sequences of at most `maxLength` tokens
 * (RoBERTa's FULL-SENTENCES packing), split into train and validation by a hash of the document id,
 * written as checksummed shards (16-bit tokens when the vocabulary fits). Memory stays flat. The
 * result is built in a temporary directory and renamed into place only when complete, so a crash
 * never leaves a half-written corpus that looks finished. Empty documents and inputs the source
 * skips are counted in the manifest.
 *
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
  const maxLength = options.maxLength ?? 128;
  const shardTokens = options.shardTokens ?? 4 * 1024 * 1024;
  const validationFraction = options.validationFraction ?? 0.01;
  assertInteger(fn, 'maxLength', maxLength, { min: 3 });
  assertInteger(fn, 'shardTokens', shardTokens, { min: 1 });
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

  const tmp = `${outDir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const width = bytesPerToken(tokenizer.vocabSize);
  const writers = {
    train: new ShardWriter(tmp, 'train', width, shardTokens),
    validation: new ShardWriter(tmp, 'validation', width, shardTokens),
  };
  const queue: Array<[Split, Int32Array]> = [];
  const { bos, eos } = tokenizer.specialIds;
  const packers = {
    train: new SequencePacker(maxLength, bos, eos, (s) => queue.push(['train', s])),
    validation: new SequencePacker(maxLength, bos, eos, (s) => queue.push(['validation', s])),
  };
  const drain = async () => {
    for (const [split, sequence] of queue.splice(0)) await writers[split].add(sequence);
  };
  const docs = { read: 0, train: 0, validation: 0, empty: 0 };
  const inputsSkipped: Partial<Record<SkipReason, number>> = {};
  const bar =
    options.progress === false ? undefined : createProgress({ label: `pack ${source.name}`, unit: 'docs' });

  try {
    for await (const doc of source.documents({
      onSkip: (s) => (inputsSkipped[s.reason] = (inputsSkipped[s.reason] ?? 0) + 1),
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
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  } finally {
    bar?.stop();
  }

  const manifest: CorpusManifest = {
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
  await writeFileAtomic(join(tmp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  await mkdir(dirname(outDir), { recursive: true });
  await rm(outDir, { recursive: true, force: true });
  await rename(tmp, outDir);
  return manifest;
}
