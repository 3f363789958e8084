import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileError, FormatError, parseWithSchema } from '@ksub/core';
import { z } from 'zod';
import { SKIP_REASONS } from '../sources/corpus-source';

/** Name of the manifest file in a packed-corpus directory. */
export const MANIFEST_FILE = 'manifest.json';
/** Manifest format version this code writes and reads. */
export const MANIFEST_VERSION = 1;

const count = z.number().int().min(0);
const splitSchema = z.enum(['train', 'validation']);
const splitCountsSchema = z.strictObject({ train: count, validation: count }).readonly();

const shardEntrySchema = z
  .strictObject({
    /** File name inside the corpus directory (never a path: a manifest cannot point outside it). */
    file: z
      .string()
      .regex(/^(train|validation)-\d{5,}\.bin$/, 'must be a shard file name like train-00000.bin'),
    split: splitSchema,
    sequences: count,
    tokens: count,
    /** SHA-256 of the shard (also its last 32 bytes). */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
  })
  .readonly();

/**
 * The schema of `manifest.json`, checked on every read: a manifest with a missing, unknown or
 * mistyped key is a FormatError naming the file and the key, never a crash further on.
 */
export const corpusManifestSchema = z
  .strictObject({
    format: z.literal('ksub-corpus'),
    version: z.literal(MANIFEST_VERSION),
    corpus: z.strictObject({ name: z.string(), description: z.string() }).readonly(),
    tokenizer: z
      .strictObject({ name: z.string(), id: z.string(), vocabSize: z.number().int().min(1) })
      .readonly(),
    /** Longest sequence, `<s>` and `</s>` included. */
    maxLength: z.number().int().min(3),
    bytesPerToken: z.literal([2, 4]),
    /** Share of documents (by id hash) held out for validation. */
    validationFraction: z.number().min(0).lt(1),
    counts: z
      .strictObject({
        documents: z.strictObject({ read: count, train: count, validation: count, empty: count }).readonly(),
        /** Inputs the source left out (files, lines), by reason. */
        inputsSkipped: z.partialRecord(z.enum(SKIP_REASONS), count).readonly(),
        /** Tokens in sequences, `<s>`/`</s>` included. */
        tokens: splitCountsSchema,
        sequences: splitCountsSchema,
      })
      .readonly(),
    shards: z.array(shardEntrySchema).readonly(),
  })
  .readonly();

/** The two splits of a packed corpus. */
export type Split = z.output<typeof splitSchema>;

/** One shard file of a packed corpus. */
export type ShardEntry = z.output<typeof shardEntrySchema>;

/** Per-split counts. */
export type SplitCounts = z.output<typeof splitCountsSchema>;

/**
 * What a packed-corpus directory holds and how it was made (the type of
 * {@link corpusManifestSchema}). Counts add up:
 * `documents.read = documents.train + documents.validation + documents.empty`, and the shard
 * entries sum to the sequence and token counts.
 */
export type CorpusManifest = z.output<typeof corpusManifestSchema>;

/**
 * Reads and checks a packed corpus's manifest: format, version, every key against
 * {@link corpusManifestSchema}, and that its counts add up.
 *
 * @throws FormatError naming the file (and the key) when the manifest is missing, not JSON, of
 *   another format or version, malformed or inconsistent; a file-system error naming the file when
 *   it cannot be read (a directory, permissions)
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
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT')
      fail('missing (not a packed corpus, or packing did not finish)');
    throw fileError(error, 'read the corpus manifest', path);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fail(`not JSON (${(error as Error).message})`);
  }
  const head = (typeof raw === 'object' && raw !== null ? raw : {}) as {
    format?: unknown;
    version?: unknown;
  };
  if (head.format !== 'ksub-corpus') fail(`format must be "ksub-corpus"; got ${JSON.stringify(head.format)}`);
  if (head.version !== MANIFEST_VERSION)
    fail(`unknown version ${JSON.stringify(head.version)}; this code reads ${MANIFEST_VERSION}`);
  let m: CorpusManifest;
  try {
    m = parseWithSchema('readManifest', corpusManifestSchema, raw, path);
  } catch (error) {
    throw new FormatError((error as Error).message);
  }
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
