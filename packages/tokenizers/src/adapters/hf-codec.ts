import type { TextCodec } from '../codec';
import { checkTokenizerJson } from './check-tokenizer-json';

/** The parts of a Hugging Face `tokenizer.json` this adapter reads or rewrites. */
export interface HfTokenizerJson {
  model: { type: string; vocab: Record<string, number> | Array<[string, number]>; [key: string]: unknown };
  added_tokens?: Array<{ id: number; content: string; special?: boolean }>;
  [key: string]: unknown;
}

/** A codec over a `tokenizer.json`, plus what the file says about its added tokens. */
export interface HfCodec extends TextCodec {
  /** The file's added tokens (id → content), which the codec itself never produces. */
  readonly addedTokens: ReadonlyMap<number, string>;
}

/**
 * The config with `*_token` entries written as plain strings: files store them either way
 * (`"<mask>"` or `{ "content": "<mask>", "lstrip": true, … }`); the library reads strings.
 */
function plainConfig(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => {
      const content = (value as { content?: unknown } | null)?.content;
      return key.endsWith('_token') && typeof value === 'object' && typeof content === 'string'
        ? [key, content]
        : [key, value];
    }),
  );
}

function vocabEntries(json: HfTokenizerJson): Array<[string, number]> {
  const { vocab } = json.model;
  // Unigram vocabularies are [piece, score] lists whose index is the id.
  return Array.isArray(vocab) ? vocab.map(([piece], id) => [piece, id]) : Object.entries(vocab);
}

/**
 * What {@link hfCodec} hands to the tokenizer library: a copy of the file with its added tokens
 * taken out (and, in a Unigram model, their pieces given the lowest score), and the config with
 * plain-string tokens and `clean_up_tokenization_spaces` off. Exported for the benchmark that
 * runs the same input through another library (`src/bench/tokenizer-library.bench.ts`).
 *
 * @param json - the parsed, checked `tokenizer.json`
 * @param config - the parsed `tokenizer_config.json`, if any
 * @example
 * ```ts
 * const { json: plain, config } = hfTokenizerInput(json, {});
 * plain.added_tokens; // []
 * ```
 */
export function hfTokenizerInput(
  json: HfTokenizerJson,
  config: Record<string, unknown> = {},
): { json: HfTokenizerJson; config: Record<string, unknown> } {
  const added = new Set((json.added_tokens ?? []).map((t) => t.id));
  const plain: HfTokenizerJson = { ...json, added_tokens: [], model: { ...json.model } };
  if (Array.isArray(plain.model.vocab)) {
    plain.model.vocab = plain.model.vocab.map(([piece, score], id): [string, number] => [
      piece,
      added.has(id) ? -1e9 : score,
    ]);
  }
  return { json: plain, config: { ...plainConfig(config), clean_up_tokenization_spaces: false } };
}

/**
 * A plain-text codec over a Hugging Face `tokenizer.json`, run by `@huggingface/tokenizers`
 * (Tokenizers.js: Hugging Face's pure-JavaScript tokenizer library, no dependencies; the engine
 * transformers.js itself wraps, without transformers.js's ONNX runtime). Loaded from the parsed
 * file only: nothing is fetched.
 *
 * So that plain text can never produce a special token, the added tokens are taken out of the
 * copy handed to the library (a literal "<mask>" is then tokenized as characters), and in a
 * Unigram (SentencePiece) model their pieces get the lowest possible score so the Viterbi search
 * never picks them. Decoding keeps spaces exactly (`clean_up_tokenization_spaces` off).
 *
 * @param json - the parsed `tokenizer.json`
 * @param config - the parsed `tokenizer_config.json`, if any
 * @throws TypeError when the file is not a tokenizer.json the library can run (see
 *   `checkTokenizerJson` for what is checked before the library sees it)
 * @example
 * ```ts
 * const codec = await hfCodec(JSON.parse(await readFile('tokenizer.json', 'utf8')));
 * codec.decode(codec.encode('Hello <mask>')); // 'Hello <mask>'
 * ```
 */
export async function hfCodec(json: HfTokenizerJson, config: Record<string, unknown> = {}): Promise<HfCodec> {
  checkTokenizerJson(json, (what) => {
    throw new TypeError(`hfCodec: json: ${what}`);
  });
  const added = new Map<number, string>((json.added_tokens ?? []).map((t) => [t.id, t.content]));
  const input = hfTokenizerInput(json, config);
  // @huggingface/tokenizers is an ES module: loaded with import() from this CommonJS package.
  const { Tokenizer } = await import('@huggingface/tokenizers');
  let tokenizer: InstanceType<typeof Tokenizer>;
  try {
    tokenizer = new Tokenizer(input.json, input.config);
  } catch (error) {
    throw new TypeError(
      `hfCodec: @huggingface/tokenizers cannot build this tokenizer.json (${(error as Error).message})`,
    );
  }
  const entries = vocabEntries(json);
  const size = Math.max(...entries.map(([, id]) => id), ...added.keys()) + 1;
  return {
    size,
    addedTokens: added,
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids,
    decode: (ids) =>
      tokenizer.decode(ids, { skip_special_tokens: false, clean_up_tokenization_spaces: false }),
    tokens: () => {
      const out = new Array<string>(size).fill('');
      for (const [token, id] of entries) out[id] = token;
      for (const [id, content] of added) out[id] = content;
      return out;
    },
  };
}
