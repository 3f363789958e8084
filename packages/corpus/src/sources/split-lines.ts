/** One line of {@link splitLines}: its bytes, or only its length when it is over the limit. */
export type Line =
  | { readonly number: number; readonly bytes: Uint8Array; readonly tooLong?: undefined }
  | { readonly number: number; readonly bytes?: undefined; readonly tooLong: number };

// ASCII whitespace as String.prototype.trim sees it: \t \n \v \f \r and space
const isAsciiSpace = (b: number): boolean => b === 32 || (b >= 9 && b <= 13);

/**
 * Splits a byte stream into `\n`-terminated lines as they arrive, holding only the current line
 * in memory, so a file of any size (or one that never ends) streams. Lines are numbered from 1 as
 * `text.split('\n')` would; lines of only ASCII whitespace are counted but not yielded (a file of
 * mostly blank lines costs one byte loop, not an array of empty strings). A line longer than
 * `maxLineBytes` is not kept: it is yielded as `{ number, tooLong: its length in bytes }`.
 *
 * @param chunks - the bytes, e.g. `fs.createReadStream(path)`
 * @param maxLineBytes - the longest line kept
 * @example
 * ```ts
 * for await (const line of splitLines(createReadStream('a.jsonl'), 1 << 20)) console.log(line.number);
 * ```
 */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
): AsyncGenerator<Line> {
  let number = 0;
  const parts: Uint8Array[] = []; // the current line's bytes, as views into the chunks
  let length = 0;
  let blank = true;
  const keep = (chunk: Uint8Array, start: number, end: number): void => {
    length += end - start;
    if (length > maxLineBytes) parts.length = 0;
    else if (end > start) parts.push(chunk.subarray(start, end));
  };
  const finish = (): Line => {
    number++;
    const line: Line =
      length > maxLineBytes
        ? { number, tooLong: length }
        : { number, bytes: parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts) };
    parts.length = 0;
    length = 0;
    blank = true;
    return line;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b !== 10) {
        if (blank && !isAsciiSpace(b)) blank = false;
        continue;
      }
      if (blank) {
        // the common case in blank-heavy files: count the line, keep nothing
        number++;
        if (length !== 0) {
          parts.length = 0;
          length = 0;
        }
      } else {
        keep(chunk, start, i);
        yield finish();
      }
      start = i + 1;
    }
    keep(chunk, start, chunk.length);
  }
  if (!blank) yield finish();
}
