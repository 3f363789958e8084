import { join } from 'node:path';
import { writeFileAtomic } from '@ksub/core/node';
import type { ShardEntry, Split } from './manifest';
import { encodeShard, shardChecksum } from './shard-file';

/**
 * Collects one split's sequences into shard files (`train-00000.bin`, …) of about `shardTokens`
 * tokens each, and the manifest entries that describe them.
 *
 * @example
 * ```ts
 * const writer = new ShardWriter('data/en.tmp-4242-9f3a0c1e', 'train', 2, 4_194_304);
 * await writer.add(sequence);
 * await writer.flush();
 * writer.entries; // [{ file: 'train-00000.bin', … }]
 * ```
 */
export class ShardWriter {
  private pending: Int32Array[] = [];
  private pendingTokens = 0;
  /** Shards written so far. */
  readonly entries: ShardEntry[] = [];
  /** Sequences added so far. */
  sequences = 0;
  /** Tokens added so far. */
  tokens = 0;

  constructor(
    private readonly dir: string,
    private readonly split: Split,
    private readonly width: 2 | 4,
    private readonly shardTokens: number,
  ) {}

  /** Adds a sequence, writing a shard when enough tokens are pending. */
  async add(sequence: Int32Array): Promise<void> {
    this.pending.push(sequence);
    this.pendingTokens += sequence.length;
    this.sequences++;
    this.tokens += sequence.length;
    if (this.pendingTokens >= this.shardTokens) await this.flush();
  }

  /** Writes the pending sequences as a shard (nothing when none are pending). */
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
