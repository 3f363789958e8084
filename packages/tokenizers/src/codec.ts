/**
 * A plain-text codec underneath a {@link Tokenizer}: turns text into ids of its own vocabulary and
 * back, knowing nothing of special tokens. Adapters (`@huggingface/tokenizers`, tiktoken) implement it; an
 * id layout then places those ids among the special tokens.
 */
export interface TextCodec {
  /** Number of ids the codec can produce (0..size−1). */
  readonly size: number;
  /** Ids of `text`, treating every character literally (special-token strings included). */
  encode(text: string): number[];
  /** Text of a run of ids. */
  decode(ids: number[]): string;
  /** Token strings by id, length `size`. */
  tokens(): string[];
}
