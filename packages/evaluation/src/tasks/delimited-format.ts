import { extname } from 'node:path';
import { assert, describe } from '@ksub/core';

/** How a delimited text file separates fields and quotes them. */
export interface DelimitedFormat {
  /** Field separator: exactly one character, not a line break. */
  readonly delimiter: string;
  /**
   * Quote character of RFC 4180 quoting (a quoted field may hold the delimiter, line breaks and
   * doubled quotes), or `null` for none: every line is one row and quotes are ordinary characters,
   * the rule GLUE's and XNLI's TSVs need (they hold unbalanced quotes).
   */
  readonly quote: string | null;
}

/** RFC 4180: comma-separated, double-quoted. */
export const CSV_FORMAT: DelimitedFormat = Object.freeze({ delimiter: ',', quote: '"' });

/** GLUE's TSV: tab-separated, no quoting. */
export const TSV_FORMAT: DelimitedFormat = Object.freeze({ delimiter: '\t', quote: null });

/**
 * The format a file's extension implies: {@link CSV_FORMAT} for `.csv` (any case), otherwise
 * {@link TSV_FORMAT} (`.tsv`, `.txt`, …).
 *
 * @example
 * ```ts
 * formatForFile('data/train.csv'); // { delimiter: ',', quote: '"' }
 * ```
 */
export function formatForFile(path: string): DelimitedFormat {
  return extname(path).toLowerCase() === '.csv' ? CSV_FORMAT : TSV_FORMAT;
}

const isLineBreak = (c: string): boolean => c === '\n' || c === '\r';

/**
 * Checks a delimiter and a quote character: each exactly one character and not a line break, and
 * the two different. An empty delimiter would make a parser loop without end.
 *
 * @param fn - the caller, first word of the message
 * @throws RangeError naming the field and its value.
 */
export function assertDelimitedFormat(fn: string, format: Partial<DelimitedFormat>): void {
  const { delimiter, quote } = format;
  if (delimiter !== undefined)
    assert(
      typeof delimiter === 'string' && delimiter.length === 1 && !isLineBreak(delimiter),
      () => `${fn}: delimiter must be exactly one character (not a line break); got ${describe(delimiter)}`,
      RangeError,
    );
  if (quote !== undefined)
    assert(
      quote === null ||
        (typeof quote === 'string' && quote.length === 1 && !isLineBreak(quote) && quote !== delimiter),
      () =>
        `${fn}: quote must be one character other than the delimiter and a line break, or null; got ${describe(quote)}`,
      RangeError,
    );
}
