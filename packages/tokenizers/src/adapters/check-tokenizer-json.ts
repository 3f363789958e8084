import { describe } from '@ksub/core';
import type { HfTokenizerJson } from './hf-codec';

/** The model types `@huggingface/tokenizers` runs. */
const TYPES = ['BPE', 'Unigram', 'WordPiece'] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): boolean =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v < 2 ** 31;
const isMerge = (m: unknown): boolean =>
  (typeof m === 'string' && m.includes(' ')) ||
  (Array.isArray(m) && m.length === 2 && m.every((s) => typeof s === 'string'));
const isPiece = (e: unknown): boolean =>
  Array.isArray(e) && e.length >= 2 && typeof e[0] === 'string' && Number.isFinite(e[1]);

/** The model type, as the library infers it when the file names none. */
function modelType(model: Record<string, unknown>): unknown {
  if (model.type !== undefined) return model.type;
  if (Array.isArray(model.vocab)) return 'Unigram';
  return 'merges' in model ? 'BPE' : 'WordPiece';
}

function checkModel(model: Record<string, unknown>, fail: (what: string) => never): void {
  const type = modelType(model);
  if (!TYPES.includes(type as (typeof TYPES)[number]))
    fail(
      `model.type ${describe(type)} is not supported; @huggingface/tokenizers runs ${TYPES.slice(0, -1).join(', ')} and ${TYPES.at(-1)} models`,
    );
  const { vocab, merges } = model;
  if (type === 'Unigram') {
    if (!Array.isArray(vocab))
      fail(
        `model.vocab of a Unigram model must be a list of [piece, score] pairs; got ${isObject(vocab) ? 'an object (the layout of a BPE vocabulary)' : describe(vocab)}`,
      );
    const bad = (vocab as unknown[]).findIndex((e) => !isPiece(e));
    if (bad >= 0)
      fail(`model.vocab[${bad}] must be a [piece, score] pair; got ${describe((vocab as unknown[])[bad])}`);
    return;
  }
  if (!isObject(vocab))
    fail(
      `model.vocab of a ${type} model must be an object {token: id}; got ${Array.isArray(vocab) ? 'a list (the layout of a Unigram vocabulary)' : describe(vocab)}`,
    );
  const badId = Object.entries(vocab as Record<string, unknown>).find(([, id]) => !isId(id));
  if (badId !== undefined)
    fail(`model.vocab[${describe(badId[0])}] must be an integer id in [0, 2^31); got ${describe(badId[1])}`);
  if (type !== 'BPE') return;
  if (!Array.isArray(merges))
    fail(
      `model.merges of a BPE model must be a list of merges ("a b" or ["a", "b"]); got ${describe(merges)}`,
    );
  const badMerge = (merges as unknown[]).findIndex((m) => !isMerge(m));
  if (badMerge >= 0)
    fail(
      `model.merges[${badMerge}] must be "a b" or ["a", "b"]; got ${describe((merges as unknown[])[badMerge])}`,
    );
}

/**
 * Checks the parts of a parsed `tokenizer.json` that this package and `@huggingface/tokenizers`
 * rely on, so that a malformed file fails with what is wrong instead of deep inside the library
 * (`number 1 is not iterable`) or, worse, loads and tokenizes into nonsense (a Unigram
 * `[piece, score]` list given to a BPE model). The model must be a BPE (vocab `{token: id}` and
 * merges), WordPiece (vocab `{token: id}`) or Unigram (vocab `[[piece, score], …]`) model, as
 * named by `model.type` or inferred the way the library infers it; `added_tokens`, when
 * present, a list of `{ id, content }`.
 *
 * @param json - the parsed file
 * @param fail - throws; gets what is wrong (`model.merges of a BPE model must be …; got undefined`)
 * @returns `json`, typed
 * @example
 * ```ts
 * const json = checkTokenizerJson(JSON.parse(text), (what) => { throw new FormatError(`${file}: ${what}`); });
 * ```
 */
export function checkTokenizerJson(json: unknown, fail: (what: string) => never): HfTokenizerJson {
  if (!isObject(json)) return fail(`must be a JSON object with a "model" section; got ${describe(json)}`);
  if (!isObject(json.model)) fail(`no "model" section; got ${describe(json.model)}`);
  checkModel(json.model as Record<string, unknown>, fail);
  const added = json.added_tokens;
  if (added !== undefined && added !== null) {
    if (!Array.isArray(added)) fail(`added_tokens must be a list of { id, content }; got ${describe(added)}`);
    const bad = (added as unknown[]).findIndex(
      (t) => !(isObject(t) && isId(t.id) && typeof t.content === 'string'),
    );
    if (bad >= 0)
      fail(
        `added_tokens[${bad}] must be { id, content } with an integer id in [0, 2^31); got ${describe((added as unknown[])[bad])}`,
      );
  }
  return json as HfTokenizerJson;
}
