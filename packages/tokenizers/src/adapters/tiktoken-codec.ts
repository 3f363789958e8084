import type { TextCodec } from '../codec';
import { bytesToByteLevel } from '../byte-level';

/** js-tiktoken's rank file shape (`js-tiktoken/ranks/*`). */
export interface TiktokenRanks {
  readonly pat_str: string;
  readonly special_tokens: Record<string, number>;
  readonly bpe_ranks: string;
}

/**
 * The byte string of every mergeable rank, parsed from js-tiktoken's compact rank format: lines of
 * `<tag> <first rank> <base64 token> <base64 token> …`, consecutive ranks from the first.
 */
function rankBytes(ranks: TiktokenRanks): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const line of ranks.bpe_ranks.split('\n')) {
    if (line === '') continue;
    const [, first, ...tokens] = line.split(' ');
    const start = Number.parseInt(first ?? '', 10);
    tokens.forEach((b64, i) => {
      out[start + i] = Buffer.from(b64, 'base64');
    });
  }
  return out;
}

/**
 * A plain-text codec over tiktoken ranks (js-tiktoken, MIT): byte-level BPE with tiktoken's own
 * pre-tokenizer. Its special tokens (`<|endoftext|>`, …) are left out: the codec's ids are the
 * mergeable ranks only, and a literal `<|endoftext|>` in text is encoded as characters. Token
 * strings are written byte-level, as in Hugging Face files (`Ġthe`).
 *
 * @example
 * ```ts
 * import o200k from 'js-tiktoken/ranks/o200k_base';
 * const codec = await tiktokenCodec(o200k); // codec.size === 199998
 * ```
 */
export async function tiktokenCodec(ranks: TiktokenRanks): Promise<TextCodec> {
  const { Tiktoken } = await import('js-tiktoken/lite');
  const encoder = new Tiktoken({ ...ranks, special_tokens: {} });
  const bytes = rankBytes(ranks);
  const size = bytes.length;
  return {
    size,
    encode: (text) => encoder.encode(text, [], []),
    decode: (ids) => encoder.decode(ids),
    tokens: () => bytes.map((b) => bytesToByteLevel(b)),
  };
}
