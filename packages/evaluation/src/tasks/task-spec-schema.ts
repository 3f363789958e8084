import { z } from 'zod';
import { type DelimitedFormat, formatForFile } from './delimited-format';

const COLUMN = 'must be a column name or a 0-based index';

/** A column: its header name or 0-based index. */
const column = z.union(
  [z.string().min(1, { error: COLUMN }), z.number().int({ error: COLUMN }).min(0, { error: COLUMN })],
  { error: COLUMN },
);

/** One character that is not a line break (a delimiter, a quote). */
const character = z
  .string()
  .length(1, { error: 'must be exactly one character (e.g. "," or "\\t")' })
  .refine((c) => c !== '\n' && c !== '\r', { error: 'must not be a line break' });

const LABELS = 'must be "regression" or at least 2 class names';

/** Class names in index order, each once. */
const classNames = z
  .array(z.string().min(1, { error: 'must be a non-empty class name' }), { error: LABELS })
  .min(2, { error: LABELS })
  .superRefine((names, ctx) => {
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    if (repeated !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: `must name each class once (${JSON.stringify(repeated)} is repeated)`,
        input: names,
      });
  });

const CLASSIFICATION_METRICS = ['accuracy', 'f1', 'matthews'] as const;
const REGRESSION_METRICS = ['pearson', 'spearman'] as const;

/**
 * The schema of a user's task as JSON (`--task-spec FILE.json`): every key known (a misspelt
 * `labelz` is an error, not ignored), every value checked, cross-field rules (metrics that fit
 * the task's kind, a quote other than the delimiter, a format for files of mixed kinds) included,
 * so one error lists every problem.
 */
export const TaskSpecSchema = z
  .strictObject({
    name: z.string().min(1, { error: 'must be a non-empty string' }),
    description: z.string().optional(),
    /** Split name → path (relative to the spec file), e.g. `{ "train": "train.tsv", "dev": "dev.tsv" }`. */
    files: z
      .record(z.string(), z.string().min(1, { error: 'must be a path' }))
      .refine((f) => Object.keys(f).length > 0, { error: 'must name at least one split' }),
    /** Field separator: one character. Default by the files' extension: `,` for `.csv`, tab otherwise. */
    delimiter: character.optional(),
    /**
     * Quote character of RFC 4180 quoting, or `null` for none (quotes are ordinary characters and
     * every line is one row, GLUE's rule). Default by extension: `"` for `.csv`, none otherwise.
     */
    quote: character.nullable().optional(),
    /** Whether the first row names the columns (default true). */
    header: z.boolean().optional(),
    /** Text column: header name or 0-based index. */
    text: column,
    /** Second text column of a sentence-pair task. */
    textPair: column.optional(),
    label: column,
    /** Class names in index order, or "regression". */
    labels: z.union([z.literal('regression'), classNames], { error: LABELS }),
    /** Default: accuracy (classification; plus f1 with 2 classes) or pearson + spearman (regression). */
    metrics: z
      .array(z.enum([...CLASSIFICATION_METRICS, ...REGRESSION_METRICS]))
      .min(1)
      .optional(),
  })
  .superRefine((spec, ctx) => {
    const regression = spec.labels === 'regression';
    const allowed: readonly string[] = regression ? REGRESSION_METRICS : CLASSIFICATION_METRICS;
    for (const m of spec.metrics ?? [])
      if (!allowed.includes(m))
        ctx.addIssue({
          code: 'custom',
          path: ['metrics'],
          message: `must be among ${allowed.join(', ')} for a ${regression ? 'regression' : 'classification'} task`,
          input: m,
        });
    const formats = new Set(Object.values(spec.files).map((f) => formatForFile(f)));
    if (formats.size > 1 && (spec.delimiter === undefined || spec.quote === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['files'],
        message:
          'mix .csv and other files, which are read differently by default; set "delimiter" and "quote"',
        input: spec.files,
      });
    const { delimiter, quote } = specFormat(spec);
    if (quote !== null && quote === delimiter)
      ctx.addIssue({
        code: 'custom',
        path: ['quote'],
        message: 'must differ from the delimiter',
        input: quote,
      });
  });

/** A user's task as JSON, as {@link TaskSpecSchema} accepts it. Paths are relative to the spec file. */
export type TaskSpecJson = z.infer<typeof TaskSpecSchema>;

/**
 * How a spec's files are read: its `delimiter` and `quote`, each defaulting to what the first
 * file's extension implies (RFC 4180 for `.csv`, GLUE's TSV rule otherwise).
 *
 * @example
 * ```ts
 * specFormat({ files: { train: 'a.csv' }, delimiter: ';' }); // { delimiter: ';', quote: '"' }
 * ```
 */
export function specFormat(spec: Pick<TaskSpecJson, 'files' | 'delimiter' | 'quote'>): DelimitedFormat {
  const byExtension = formatForFile(Object.values(spec.files)[0] ?? '');
  return {
    delimiter: spec.delimiter ?? byExtension.delimiter,
    quote: spec.quote === undefined ? byExtension.quote : spec.quote,
  };
}
