import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assert, assertInteger, describe, fileError, FormatError } from '@ksub/core';
import type { Tokenizer } from '@ksub/tokenizers';
import { type CorpusManifest, readManifest, type ShardEntry, type Split } from './manifest';
import { decodeShard, type Shard } from './shard-file';

/** Options of {@link openCorpus}. */
export interface OpenCorpusOptions {
  /** The tokenizer the caller will train with; the corpus must have been packed with it. */
  readonly tokenizer?: Pick<Tokenizer, 'id'>;
  /** Shards kept decoded in memory at once (default 2). */
  readonly cacheShards?: number;
}

/** A sequence read back, with its position for resuming. */
export interface PositionedSequence {
  /** Index of the sequence within its split (0-based). */
  readonly position: number;
  /** Token ids, `<s> … </s>`. */
  readonly ids: Int32Array;
}

/**
 * A packed corpus opened for reading: random access by sequence index within a split, streaming
 * from any position (so a resumed run continues where it stopped), shards loaded on demand and
 * verified against their checksums.
 */
export class PackedCorpus {
  private readonly bySplit: Record<Split, { entries: ShardEntry[]; starts: number[] }>;
  private readonly cache = new Map<string, Shard>();

  constructor(
    private readonly dir: string,
    readonly manifest: CorpusManifest,
    private readonly cacheShards: number,
  ) {
    const index = (split: Split) => {
      const entries = manifest.shards.filter((s) => s.split === split);
      const starts: number[] = [];
      let at = 0;
      for (const e of entries) {
        starts.push(at);
        at += e.sequences;
      }
      return { entries, starts };
    };
    this.bySplit = { train: index('train'), validation: index('validation') };
  }

  /** Number of sequences in a split. */
  size(split: Split): number {
    return this.manifest.counts.sequences[split];
  }

  /**
   * Sequence `position` of `split`.
   * @throws RangeError for a position outside the split; FormatError for a corrupt shard
   */
  async sequence(split: Split, position: number): Promise<Int32Array> {
    assertInteger('PackedCorpus.sequence', 'position', position, { min: 0, max: this.size(split) - 1 });
    const { entries, starts } = this.bySplit[split];
    let lo = 0;
    let hi = entries.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= position) lo = mid;
      else hi = mid - 1;
    }
    const entry = entries[lo] as ShardEntry;
    const shard = await this.load(entry);
    const i = position - (starts[lo] as number);
    return Int32Array.from(shard.tokens.subarray(shard.offsets[i] as number, shard.offsets[i + 1] as number));
  }

  /**
   * Streams a split in order from `from` (default 0), with each sequence's position.
   * @example
   * ```ts
   * for await (const { position, ids } of corpus.sequences('train', { from: checkpoint.position })) …
   * ```
   */
  async *sequences(split: Split, options: { from?: number } = {}): AsyncGenerator<PositionedSequence> {
    const from = options.from ?? 0;
    assertInteger('PackedCorpus.sequences', 'options.from', from, { min: 0, max: this.size(split) });
    for (let p = from; p < this.size(split); p++) yield { position: p, ids: await this.sequence(split, p) };
  }

  /** Reads and verifies every shard; throws FormatError at the first bad one. */
  async verify(): Promise<void> {
    for (const entry of this.manifest.shards) await this.load(entry);
  }

  private async load(entry: ShardEntry): Promise<Shard> {
    const hit = this.cache.get(entry.file);
    if (hit !== undefined) return hit;
    const path = join(this.dir, entry.file);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT')
        throw new FormatError(`PackedCorpus: shard ${path} listed in the manifest is missing`);
      throw fileError(error, 'read the shard', path);
    }
    const shard = decodeShard(bytes, path);
    if (shard.offsets.length - 1 !== entry.sequences || shard.tokens.length !== entry.tokens) {
      throw new FormatError(
        `PackedCorpus: ${path} holds ${shard.offsets.length - 1} sequences, the manifest says ${entry.sequences}`,
      );
    }
    if (bytes.subarray(bytes.length - 32).toString('hex') !== entry.sha256) {
      throw new FormatError(`PackedCorpus: ${path} is not the shard the manifest lists (checksum differs)`);
    }
    this.cache.set(entry.file, shard);
    while (this.cache.size > this.cacheShards) this.cache.delete(this.cache.keys().next().value as string);
    return shard;
  }
}

/**
 * Opens a directory written by `packCorpus`, checking the manifest and, when given, that the corpus
 * was packed with the same tokenizer (ids from another vocabulary would train silently wrong).
 *
 * @throws FormatError for a missing or inconsistent manifest or a different tokenizer
 * @example
 * ```ts
 * const corpus = await openCorpus('data/en', { tokenizer });
 * corpus.size('train');
 * ```
 */
export async function openCorpus(dir: string, options: OpenCorpusOptions = {}): Promise<PackedCorpus> {
  assert(
    typeof dir === 'string' && dir.length > 0,
    () => `openCorpus: dir must be a path; got ${describe(dir)}`,
    TypeError,
  );
  const manifest = await readManifest(dir);
  const expected = options.tokenizer?.id;
  if (expected !== undefined && manifest.tokenizer.id !== expected) {
    throw new FormatError(
      `openCorpus: ${dir} was packed with tokenizer ${manifest.tokenizer.id}, not ${expected}; pack it again with this tokenizer`,
    );
  }
  const cacheShards = options.cacheShards ?? 2;
  assertInteger('openCorpus', 'options.cacheShards', cacheShards, { min: 1 });
  return new PackedCorpus(dir, manifest, cacheShards);
}
