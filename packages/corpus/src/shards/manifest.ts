import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import type { SkipReason } from '../sources/corpus-source';

/** Name of the manifest file in a packed-corpus directory. */
export const MANIFEST_FILE = 'manifest.json';
/** Manifest format version this code writes and reads. */
export const MANIFEST_VERSION = 1;

/** The two splits of a packed corpus. */
export type Split = 'train' | 'validation';

/** One shard file of a packed corpus. */
export interface ShardEntry {
  readonly file: string;
  readonly split: Split;
  readonly sequences: number;
  readonly tokens: number;
  /** SHA-256 of the shard (also its last 32 bytes). */
  readonly sha256: string;
}

/** Per-split counts. */
export interface SplitCounts {
  readonly train: number;
  readonly validation: number;
}

/**
 * What a packed-corpus directory holds and how it was made. Counts add up:
 * `documents.read = documents.train + documents.validation + documents.empty`, and the shard
 * entries sum to the sequence and token counts.
 */
export interface CorpusManifest {
  readonly format: 'ksub-corpus';
  readonly version: number;
  readonly corpus: { readonly name: string; readonly description: string };
  readonly tokenizer: { readonly name: string; readonly id: string; readonly vocabSize: number };
  /** Longest sequence, `<s>` and `</s>` included. */
  readonly maxLength: number;
  readonly bytesPerToken: 2 | 4;
  /** Share of documents (by id hash) held out for validation. */
  readonly validationFraction: number;
  readonly counts: {
    readonly documents: SplitCounts & { readonly read: number; readonly empty: number };
    /** Inputs the source left out (files, lines), by reason. */
    readonly inputsSkipped: Readonly<Partial<Record<SkipReason, number>>>;
    /** Tokens in sequences, `<s>`/`</s>` included. */
    readonly tokens: SplitCounts;
    readonly sequences: SplitCounts;
  };
  readonly shards: readonly ShardEntry[];
}

/**
 * Reads and checks a packed corpus's manifest: format, version, and that its counts add up.
 *
 * @throws FormatError when the manifest is missing, not JSON, of another format or version, or
 *   inconsistent
 * @example
 * ```ts
 * const manifest = await readManifest('data/english-offline-roberta-gpt2');
 * ```
 */
export async function readManifest(dir: string): Promise<CorpusManifest> {
  const path = join(dir, MANIFEST_FILE);
  const fail = (what: string): never => {
    throw new FormatError(`readManifest: ${path}: ${what}`);
  };
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch {
    fail('missing (not a packed corpus, or packing did not finish)');
  }
  let m: CorpusManifest;
  try {
    m = JSON.parse(text) as CorpusManifest;
  } catch (error) {
    return fail(`not JSON (${(error as Error).message})`);
  }
  if (m.format !== 'ksub-corpus') fail(`format must be "ksub-corpus"; got ${JSON.stringify(m.format)}`);
  if (m.version !== MANIFEST_VERSION)
    fail(`unknown version ${m.version}; this code reads ${MANIFEST_VERSION}`);
  const d = m.counts.documents;
  if (d.read !== d.train + d.validation + d.empty)
    fail(`document counts do not add up (${d.read} read ≠ ${d.train} + ${d.validation} + ${d.empty})`);
  for (const split of ['train', 'validation'] as const) {
    const shards = m.shards.filter((s) => s.split === split);
    const sequences = shards.reduce((n, s) => n + s.sequences, 0);
    const tokens = shards.reduce((n, s) => n + s.tokens, 0);
    if (sequences !== m.counts.sequences[split] || tokens !== m.counts.tokens[split]) {
      fail(
        `${split} shards hold ${sequences} sequences / ${tokens} tokens; counts say ${m.counts.sequences[split]} / ${m.counts.tokens[split]}`,
      );
    }
  }
  return m;
}
