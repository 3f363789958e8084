import { createReadStream } from 'node:fs';
import { parse } from '@fast-csv/parse';

/** One line of a delimited file: its 1-based line number and fields. */
export interface DelimitedRow {
  readonly line: number;
  readonly fields: readonly string[];
}

/**
 * Streams the rows of a delimited text file with fast-csv, treating quotes as ordinary characters
 * (`quote: null`): GLUE's and XNLI's TSVs contain unbalanced quotes, which a quote-aware reader
 * would join across lines. Empty lines are skipped; line numbers count them.
 *
 * @throws Error naming the file when it cannot be read.
 */
export async function* readDelimited(path: string, delimiter = '\t'): AsyncGenerator<DelimitedRow> {
  const source = createReadStream(path);
  const stream = source.pipe(parse({ delimiter, quote: null, ignoreEmpty: false, headers: false }));
  source.on('error', (error) => stream.destroy(error)); // pipe() does not forward a read error
  let line = 0;
  try {
    for await (const fields of stream as AsyncIterable<string[]>) {
      line++;
      if (fields.length === 1 && fields[0] === '') continue;
      yield { line, fields };
    }
  } catch (error) {
    throw new Error(`readDelimited: cannot read ${path} (${(error as Error).message})`);
  }
}
