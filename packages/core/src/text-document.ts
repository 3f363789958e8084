/**
 * One document of real text: the unit that corpus sources yield, that train/validation splits
 * assign, and that the packer tokenizes. `id` is unique within its source and stable across runs.
 */
export interface TextDocument {
  /** Stable identifier within its source (e.g. `sotu/1790_george_washington_n`). */
  readonly id: string;
  /** The text, UTF-8, as read. */
  readonly text: string;
  /** Facts about the document (language, year, label, page path, …). */
  readonly metadata?: Readonly<Record<string, string | number>>;
}
