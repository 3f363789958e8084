import type { TextDocument } from '@ksub/core';

/** Every reason an input may be left out (the manifest's `inputsSkipped` keys). */
export const SKIP_REASONS = [
  'empty',
  'unreadable',
  'binary',
  'invalid-utf8',
  'malformed-json',
  'unsupported',
  'too-large',
  // left out on purpose: a page an evaluation holds out (its dev or test split)
  'held-out',
] as const;

/** Why an input was left out. Every skip is counted in the manifest; nothing is dropped silently. */
export type SkipReason = (typeof SKIP_REASONS)[number];

/** One input left out, and where it was. */
export interface Skip {
  readonly reason: SkipReason;
  /** File (and line) or document id. */
  readonly where: string;
  /** More detail (an error message), when there is any. */
  readonly detail?: string;
}

/** Options every source's `documents` accepts. */
export interface SourceOptions {
  /** Called for every input a source leaves out (the packer counts them into the manifest). */
  readonly onSkip?: (skip: Skip) => void;
}

/**
 * The corpus-source seam: a named stream of real documents (`TextDocument`: id, text, metadata
 * such as language or label). Sources stream, so memory stays flat on large corpora, and report
 * every input they leave out through `onSkip`.
 *
 * @example
 * ```ts
 * for await (const doc of getCorpus('english-offline').documents()) console.log(doc.id);
 * ```
 */
export interface CorpusSource {
  /** Registry name. */
  readonly name: string;
  /** What the corpus is and where its text comes from (package, licence). */
  readonly description: string;
  /** The documents, in a fixed order. */
  documents(options?: SourceOptions): AsyncIterable<TextDocument>;
}
