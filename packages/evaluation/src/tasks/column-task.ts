import { assert, describe, FormatError } from '@ksub/core';
import { assertSplit } from './assert-split';
import { assertDelimitedFormat } from './delimited-format';
import { parseDecimal } from './parse-decimal';
import { readDelimited } from './read-delimited';
import type { Example, LoadedSplit, MetricName, SkippedRow, Task } from './task';

/** A column: its 0-based index, or its name in the file's header row. */
export type Column = number | string;

/** How to read one delimited file into examples. */
export interface ColumnLayout {
  /** Whether the first row is a header (column names). */
  readonly header: boolean;
  /** Field separator, one character (default tab). */
  readonly delimiter?: string;
  /**
   * Quote character of RFC 4180 quoting, or `null` for none (default: none — GLUE's and XNLI's
   * TSVs hold unbalanced quotes, so a line is always one row there).
   */
  readonly quote?: string | null;
  readonly text: Column;
  readonly textPair?: Column;
  readonly label: Column;
  /** A column holding each row's language (XNLI). */
  readonly language?: Column;
  /** Exact number of fields a row must have (else it is skipped); default: the header's count, if any. */
  readonly fields?: number;
}

/** A task read from delimited files, one per split. */
export interface ColumnTaskSpec extends ColumnLayout {
  readonly name: string;
  readonly description: string;
  /** Class names in index order, or `regression`. */
  readonly labels: readonly string[] | 'regression';
  /** More spellings of a class name (e.g. XNLI-MT's `contradictory` → `contradiction`). */
  readonly labelAliases?: Readonly<Record<string, string>>;
  readonly metrics: readonly MetricName[];
  /** Split name → file path. */
  readonly files: Readonly<Record<string, string>>;
  /** Keep only rows whose language column is one of these. */
  readonly languages?: readonly string[];
}

function resolveColumn(column: Column, header: readonly string[] | null, file: string, what: string): number {
  if (typeof column === 'number') return column;
  assert(
    header !== null,
    () => `ColumnTask: ${what} column ${JSON.stringify(column)} is named, but ${file} has no header`,
    TypeError,
  );
  const index = header.indexOf(column);
  assert(
    index >= 0,
    () =>
      `ColumnTask: ${file} has no ${what} column ${JSON.stringify(column)}; its header is ${describe(header)}`,
    RangeError,
  );
  return index;
}

/**
 * A {@link Task} over delimited files (GLUE, XNLI, a user's own TSV or CSV through a JSON spec):
 * columns by index or header name, labels mapped to class indices (or parsed as scores). Records
 * with malformed quoting, the wrong number of fields, an unknown label, a score that is not a
 * plain decimal number or an empty text are skipped and reported with file and line.
 */
export class ColumnTask implements Task {
  readonly name: string;
  readonly kind: 'classification' | 'regression';
  readonly labels: readonly string[];
  readonly pair: boolean;
  readonly metrics: readonly MetricName[];
  readonly splits: readonly string[];
  readonly description: string;

  constructor(readonly spec: ColumnTaskSpec) {
    assert(
      typeof spec.name === 'string' && spec.name.length > 0,
      () => `ColumnTask: name must be a non-empty string; got ${describe(spec.name)}`,
      TypeError,
    );
    assert(
      spec.labels === 'regression' || (Array.isArray(spec.labels) && spec.labels.length >= 2),
      () =>
        `ColumnTask ${spec.name}: labels must be "regression" or at least 2 class names; got ${describe(spec.labels)}`,
      TypeError,
    );
    assert(
      Object.keys(spec.files ?? {}).length > 0,
      () => `ColumnTask ${spec.name}: files must name at least one split`,
      TypeError,
    );
    assertDelimitedFormat(`ColumnTask ${spec.name}`, {
      delimiter: spec.delimiter ?? '\t',
      quote: spec.quote ?? null,
    });
    this.name = spec.name;
    this.kind = spec.labels === 'regression' ? 'regression' : 'classification';
    this.labels = spec.labels === 'regression' ? [] : spec.labels;
    this.pair = spec.textPair !== undefined;
    this.metrics = spec.metrics;
    this.splits = Object.keys(spec.files);
    this.description = spec.description;
  }

  async load(split: string): Promise<LoadedSplit> {
    assertSplit(this.name, this.splits, split);
    const file = this.spec.files[split] as string;
    const examples: Example[] = [];
    const skipped: SkippedRow[] = [];
    const { spec } = this;
    let header: readonly string[] | null = null;
    let columns: { text: number; pair: number | null; label: number; language: number | null } | null = null;
    let fields = spec.fields;
    const classIndex = new Map(this.labels.map((l, i) => [l, i]));
    for (const [alias, target] of Object.entries(spec.labelAliases ?? {})) {
      const i = classIndex.get(target);
      if (i !== undefined) classIndex.set(alias, i);
    }
    const format = { delimiter: spec.delimiter ?? '\t', quote: spec.quote ?? null };
    for await (const row of readDelimited(file, format)) {
      if ('malformed' in row) {
        if (spec.header && header === null)
          throw new FormatError(
            `ColumnTask: the header of ${file} (line ${row.line}) is malformed: ${row.malformed}`,
          );
        skipped.push({ file, line: row.line, reason: `malformed quoting: ${row.malformed}` });
        continue;
      }
      if (spec.header && header === null) {
        header = row.fields.map((f) => f.trim());
        fields ??= header.length;
        continue;
      }
      columns ??= {
        text: resolveColumn(spec.text, header, file, 'text'),
        pair: spec.textPair === undefined ? null : resolveColumn(spec.textPair, header, file, 'textPair'),
        label: resolveColumn(spec.label, header, file, 'label'),
        language: spec.language === undefined ? null : resolveColumn(spec.language, header, file, 'language'),
      };
      const skip = (reason: string) => skipped.push({ file, line: row.line, reason });
      const f = row.fields;
      if (fields !== undefined && f.length !== fields) {
        skip(`expected ${fields} fields, got ${f.length}`);
        continue;
      }
      const needed = Math.max(columns.text, columns.pair ?? 0, columns.label, columns.language ?? 0);
      if (f.length <= needed) {
        skip(`expected at least ${needed + 1} fields, got ${f.length}`);
        continue;
      }
      const language = columns.language === null ? undefined : (f[columns.language] as string).trim();
      if (spec.languages !== undefined && !spec.languages.includes(language ?? '')) continue; // filtered, not malformed
      const text = (f[columns.text] as string).trim();
      const pair = columns.pair === null ? undefined : (f[columns.pair] as string).trim();
      if (text.length === 0 || pair === '') {
        skip('empty text');
        continue;
      }
      const raw = (f[columns.label] as string).trim();
      let label: number;
      if (this.kind === 'regression') {
        const score = parseDecimal(raw);
        if (score === null) {
          skip(`score ${JSON.stringify(raw)} is not a plain decimal number`);
          continue;
        }
        label = score;
      } else {
        const index = classIndex.get(raw);
        if (index === undefined) {
          skip(`unknown label ${JSON.stringify(raw)} (expected one of ${this.labels.join(', ')})`);
          continue;
        }
        label = index;
      }
      examples.push({
        text,
        label,
        ...(pair === undefined ? {} : { textPair: pair }),
        ...(language === undefined ? {} : { language }),
      });
    }
    return { examples, skipped };
  }
}
