/** Ids of the special tokens, RoBERTa's names: `<s>` is both bos and cls, `</s>` both eos and sep. */
export interface SpecialTokenIds {
  /** Beginning of a sequence (`<s>`). */
  readonly bos: number;
  /** End of a sequence (`</s>`). */
  readonly eos: number;
  /** Classification token at position 0 (RoBERTa: `<s>`). */
  readonly cls: number;
  /** Separator between and after segments (RoBERTa: `</s>`). */
  readonly sep: number;
  /** Padding (`<pad>`). */
  readonly pad: number;
  /** Unknown token (`<unk>`). */
  readonly unk: number;
  /** MLM mask (`<mask>`). */
  readonly mask: number;
}

/** Options of {@link Tokenizer.encode} and {@link Tokenizer.encodePair}. */
export interface EncodeOptions {
  /** Add `<s> … </s>` (pairs: `<s> A </s></s> B </s>`). Default true. */
  readonly addSpecialTokens?: boolean;
  /**
   * Longest output, special tokens included; longer input is truncated at the end (pairs:
   * longest segment first). Default: no limit.
   */
  readonly maxLength?: number;
}

/** Options of {@link Tokenizer.decode}. */
export interface DecodeOptions {
  /** Leave special tokens (and unused filler tokens) out of the text. Default false. */
  readonly skipSpecialTokens?: boolean;
}

/**
 * The tokenizer seam: text to ids the way RoBERTa and XLM-R do it, and back. Special tokens are
 * only ever added by `encode`/`encodePair`, never produced from plain text (a literal "<mask>"
 * in the text is tokenized as characters). `describeTokenizerConformance` in
 * `@ksub/tokenizers/testing` checks every adapter against this contract.
 *
 * @example
 * ```ts
 * const tok = await getTokenizer('roberta-gpt2');
 * tok.encodePair('A question?', 'An answer.'); // <s> A </s></s> B </s>
 * ```
 */
export interface Tokenizer {
  /** Registry name (e.g. `roberta-gpt2`). */
  readonly name: string;
  /**
   * Stable identity: name plus a hash of the vocabulary files and id layout. Shards and
   * checkpoints store it and refuse a tokenizer whose id differs.
   */
  readonly id: string;
  /** Number of ids, special and unused ones included. */
  readonly vocabSize: number;
  /** The special tokens' ids. */
  readonly specialIds: SpecialTokenIds;
  /** Token ids of `text`, by default wrapped as `<s> … </s>`. */
  encode(text: string, options?: EncodeOptions): Int32Array;
  /** Token ids of a segment pair, by default `<s> A </s></s> B </s>`. */
  encodePair(first: string, second: string, options?: EncodeOptions): Int32Array;
  /** Text of `ids`; special tokens appear as their strings unless skipped. */
  decode(ids: ArrayLike<number>, options?: DecodeOptions): string;
  /** Token strings by id (byte-level BPE tokens as in Hugging Face files, e.g. `Ġthe`). */
  vocab(): readonly string[];
  /** Whether `id` is a special (or unused filler) token that plain text never produces. */
  isSpecial(id: number): boolean;
}
