/** What feeding one line to a {@link RecordSplitter} gives. */
export type RecordStep =
  /** The record is complete. */
  | { readonly kind: 'record'; readonly fields: string[] }
  /** A quoted field is still open: the record goes on with the next line. */
  | { readonly kind: 'open' }
  /** The line cannot complete a record (text after a closing quote); the record is dropped. */
  | { readonly kind: 'malformed'; readonly reason: string };

/**
 * Splits records of RFC 4180 quoting, one line at a time, so a reader knows each record's line
 * numbers and can skip a malformed one and read on. A quoted field may hold the delimiter, line
 * breaks (kept as `\n`) and doubled quotes; a quote inside an unquoted field is an ordinary
 * character (as fast-csv and most readers take it). Only text after a closing quote other than the
 * delimiter is malformed; an unclosed quote is found by the reader at the end of the file.
 *
 * Why not fast-csv here: its parser stops the whole stream at the first malformed quote (the rows
 * after it are lost, not skipped) and reports neither the line of a row nor of the error.
 */
export class RecordSplitter {
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;

  constructor(
    private readonly delimiter: string,
    private readonly quote: string,
  ) {}

  /** Whether a record has begun and is not complete (a quoted field is open). */
  get open(): boolean {
    return this.inQuotes;
  }

  /** The 1-based number of the field being read. */
  get fieldNumber(): number {
    return this.fields.length + 1;
  }

  /** Forgets a partial record. */
  reset(): void {
    this.fields = [];
    this.field = '';
    this.inQuotes = false;
  }

  /** Feeds the next line (without its line break) of the current record. */
  push(line: string): RecordStep {
    const { delimiter: d, quote: q } = this;
    let i = 0;
    for (;;) {
      if (this.inQuotes) {
        const close = line.indexOf(q, i);
        if (close < 0) {
          this.field += `${line.slice(i)}\n`;
          return { kind: 'open' };
        }
        this.field += line.slice(i, close);
        if (line[close + 1] === q) {
          this.field += q;
          i = close + 2;
          continue;
        }
        this.inQuotes = false;
        i = close + 1;
        if (i < line.length && line[i] !== d) {
          const reason = `${JSON.stringify(line[i])} after a closing quote in field ${this.fieldNumber} (expected ${JSON.stringify(d)} or the end of the line)`;
          this.reset();
          return { kind: 'malformed', reason };
        }
        this.fields.push(this.field);
        this.field = '';
        if (i === line.length) return this.complete();
        i++; // past the delimiter, at the start of the next field
      } else if (line[i] === q) {
        this.inQuotes = true;
        i++;
      } else {
        const end = line.indexOf(d, i);
        this.fields.push(line.slice(i, end < 0 ? line.length : end));
        if (end < 0) return this.complete();
        i = end + 1;
      }
    }
  }

  private complete(): RecordStep {
    const fields = this.fields;
    this.reset();
    return { kind: 'record', fields };
  }
}
