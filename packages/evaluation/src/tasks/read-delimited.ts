import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileError } from '@ksub/core';
import { assertDelimitedFormat, type DelimitedFormat } from './delimited-format';
import { RecordSplitter } from './split-record';

/** A row of a delimited file: the 1-based line it starts on and its fields. */
export interface DelimitedRow {
  readonly line: number;
  readonly fields: readonly string[];
}

/** Lines that cannot be a row (malformed quoting): the line the record starts on and why. */
export interface MalformedRecord {
  readonly line: number;
  readonly malformed: string;
}

/** What {@link readDelimited} yields: a row, or a record it could not read (never dropped silently). */
export type DelimitedRecord = DelimitedRow | MalformedRecord;

interface NumberedLine {
  readonly line: number;
  readonly text: string;
}

/** The file's lines (`\n`, `\r\n` or `\r`), numbered from 1, without a leading byte-order mark. */
async function* numberedLines(path: string): AsyncGenerator<NumberedLine> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      yield { line, text: line === 1 ? text.replace(/^\uFEFF/, '') : text };
    }
  } catch (error) {
    throw fileError(error, 'read the data file', path);
  } finally {
    lines.close();
  }
}

async function* unquoted(path: string, delimiter: string): AsyncGenerator<DelimitedRecord> {
  for await (const { line, text } of numberedLines(path))
    if (text.length > 0) yield { line, fields: text.split(delimiter) };
}

async function* quoted(path: string, delimiter: string, quote: string): AsyncGenerator<DelimitedRecord> {
  const splitter = new RecordSplitter(delimiter, quote);
  const source = numberedLines(path);
  let again: readonly NumberedLine[] = []; // lines to read a second time, before the file's next
  let next = 0;
  let pending: NumberedLine[] = []; // the lines of the open record
  try {
    for (;;) {
      let current: NumberedLine | undefined = again[next];
      if (current !== undefined) next++;
      else {
        const step = await source.next();
        current = step.done === true ? undefined : step.value;
      }
      if (current === undefined) {
        const [first, ...rest] = pending;
        if (first === undefined) return;
        // A quote opened on the record's first line never closed. Only that line is surely bad: the
        // lines after it are read again (they hold no quote, or it would have closed), so a stray
        // quote costs one line, not the rest of the file.
        yield {
          line: first.line,
          malformed: `a quote opened in field ${splitter.fieldNumber} is never closed (the rest of the file was read again from line ${first.line + 1})`,
        };
        splitter.reset();
        pending = [];
        again = rest;
        next = 0;
        continue;
      }
      if (pending.length === 0 && current.text.length === 0) continue; // a blank line between records
      pending.push(current);
      const step = splitter.push(current.text);
      if (step.kind === 'open') continue;
      const first = (pending[0] as NumberedLine).line;
      pending = [];
      if (step.kind === 'record') yield { line: first, fields: step.fields };
      else {
        const span = current.line > first ? `, in a record over lines ${first}–${current.line}` : '';
        yield { line: first, malformed: `${step.reason}${span}` };
      }
    }
  } finally {
    await source.return(undefined); // closes the file when the caller stops early
  }
}

/**
 * Streams the records of a delimited text file with their line numbers. Without a quote
 * character every non-empty line is a row (GLUE's rule). With one, RFC 4180 quoting applies: a
 * record may span lines and is numbered by its first; a record that cannot be read (text after a
 * closing quote, a quote never closed) is yielded as a {@link MalformedRecord}, and reading goes
 * on, so the caller can count it. Blank lines between records are not rows; line numbers count them.
 *
 * @throws RangeError at once for a delimiter or quote that is not one character (an empty
 *   delimiter used to make the parser loop until V8 ran out of memory).
 * @throws Error naming the file when it cannot be read (missing, a directory, no permission).
 * @example
 * ```ts
 * for await (const r of readDelimited('train.csv', { delimiter: ',', quote: '"' }))
 *   if ('fields' in r) console.log(r.line, r.fields);
 * ```
 */
export function readDelimited(path: string, format: DelimitedFormat): AsyncGenerator<DelimitedRecord> {
  assertDelimitedFormat('readDelimited', format);
  return format.quote === null
    ? unquoted(path, format.delimiter)
    : quoted(path, format.delimiter, format.quote);
}
