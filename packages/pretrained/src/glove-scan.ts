/** One `"word": [v1 … vD, l2norm, index]` entry of a GloVe JSON file's `vectors` object. */
export interface GloveEntry {
  /** The word (JSON escapes decoded). */
  readonly word: string;
  /** Byte offset of the entry's `[`. */
  readonly open: number;
  /** Byte offset of its `]`. */
  readonly close: number;
}

/** Reports a damaged file: what is wrong and the byte offset where it was found. Never returns. */
export type GloveFail = (what: string, at: number) => never;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function skipSpace(buf: Buffer, at: number): number {
  let i = at;
  while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x0a || buf[i] === 0x0d || buf[i] === 0x09)) i++;
  return i;
}

function shown(buf: Buffer, at: number): string {
  return JSON.stringify(buf.toString('latin1', at, at + 1));
}

/**
 * The byte just past the `{` of the top-level `"vectors": {` (spaces allowed around the `:`), or
 * −1 when the file has none. A `"vectors"` in the word list is followed by `,` and skipped.
 *
 * @example
 * ```ts
 * vectorsStart(Buffer.from('{"words":["vectors"],"vectors": {}}')); // 33
 * ```
 */
export function vectorsStart(buf: Buffer): number {
  for (let at = buf.indexOf('"vectors"'); at >= 0; at = buf.indexOf('"vectors"', at + 1)) {
    const colon = skipSpace(buf, at + '"vectors"'.length);
    if (buf[colon] !== COLON) continue;
    const brace = skipSpace(buf, colon + 1);
    if (buf[brace] === OPEN_BRACE) return brace + 1;
  }
  return -1;
}

/**
 * Walks the entries of a `vectors` object, checking the structure around every entry (word, `:`,
 * `[ … ]`, then `,` or the closing `}`) but not the numbers inside, so words nobody asked for
 * cost a scan for `]` only. Every read is bounded by the buffer, so a truncated file ends in
 * `fail` rather than a loop past its end.
 *
 * @param buf - the whole file
 * @param from - the byte just past the object's `{`
 * @param fail - called with what is wrong and where; must throw
 * @example
 * ```ts
 * for (const { word, open, close } of gloveEntries(buf, start, fail)) if (word === 'cat') …
 * ```
 */
export function* gloveEntries(buf: Buffer, from: number, fail: GloveFail): Generator<GloveEntry> {
  let at = skipSpace(buf, from);
  if (buf[at] === CLOSE_BRACE) return;
  let previous = 'the opening { of "vectors"';
  for (;;) {
    if (at >= buf.length) fail(`the file ends after ${previous} (truncated?)`, buf.length);
    if (buf[at] !== QUOTE) fail(`expected a word after ${previous}; got ${shown(buf, at)}`, at);
    let end = at + 1;
    while (end < buf.length && buf[end] !== QUOTE) end += buf[end] === BACKSLASH ? 2 : 1;
    if (end >= buf.length) fail(`the file ends inside a word after ${previous} (truncated?)`, buf.length);
    const raw = buf.toString('utf8', at, end + 1);
    let word = raw.slice(1, -1);
    if (raw.includes('\\')) {
      try {
        word = JSON.parse(raw) as string;
      } catch {
        fail(`malformed word ${raw}`, at);
      }
    }
    const colon = skipSpace(buf, end + 1);
    if (colon >= buf.length)
      fail(`the file ends after the word ${JSON.stringify(word)} (truncated?)`, buf.length);
    if (buf[colon] !== COLON)
      fail(`expected : after the word ${JSON.stringify(word)}; got ${shown(buf, colon)}`, colon);
    const open = skipSpace(buf, colon + 1);
    if (open >= buf.length)
      fail(`the file ends after the word ${JSON.stringify(word)} (truncated?)`, buf.length);
    if (buf[open] !== OPEN_BRACKET)
      fail(`the vector of ${JSON.stringify(word)} does not start with [; got ${shown(buf, open)}`, open);
    const close = buf.indexOf(CLOSE_BRACKET, open);
    if (close < 0)
      fail(`the file ends inside the vector of ${JSON.stringify(word)} (truncated?)`, buf.length);
    yield { word, open, close };
    previous = `the vector of ${JSON.stringify(word)}`;
    at = skipSpace(buf, close + 1);
    if (at >= buf.length) fail(`the file ends after ${previous} (truncated?)`, buf.length);
    if (buf[at] === CLOSE_BRACE) return;
    if (buf[at] !== COMMA) fail(`expected , or } after ${previous}; got ${shown(buf, at)}`, at);
    at = skipSpace(buf, at + 1);
  }
}

/**
 * The numbers of one entry, each checked to be a JSON number within the float32 range (not
 * `NaN`, not empty, not a string): the first `dims` are the vector, then the l2 norm and index.
 *
 * @throws through `fail` when the entry has fewer than `dims` numbers or a value is not a number
 * @example
 * ```ts
 * const v = gloveValues(buf, entry, 100, fail); // v.length >= 100
 * ```
 */
export function gloveValues(buf: Buffer, entry: GloveEntry, dims: number, fail: GloveFail): number[] {
  const text = buf.toString('latin1', entry.open + 1, entry.close);
  const parts = text.trim() === '' ? [] : text.split(',');
  const name = `the vector of ${JSON.stringify(entry.word)}`;
  if (parts.length < dims)
    fail(`${name} has ${parts.length} numbers; expected ${dims} (+ norm, index)`, entry.open);
  const values: number[] = [];
  let at = entry.open + 1; // latin1: one character per byte, so offsets stay exact
  parts.forEach((part, i) => {
    const trimmed = part.trim();
    const where = at + part.length - part.trimStart().length;
    if (!JSON_NUMBER.test(trimmed))
      fail(`value ${i + 1} of ${name} is ${JSON.stringify(trimmed)}, not a number`, where);
    const value = Number(trimmed);
    if (!Number.isFinite(Math.fround(value)))
      fail(`value ${i + 1} of ${name} is ${JSON.stringify(trimmed)}, beyond the float32 range`, where);
    values.push(value);
    at += part.length + 1;
  });
  return values;
}
