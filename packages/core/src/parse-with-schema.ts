import type { z } from 'zod';
import { describe } from './assert';

/**
 * How one schema problem reads in an error message: `path: problem; got value` (the path is
 * `(root)` when the value itself is wrong). Unknown keys are listed by name.
 */
function issueText(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length > 0 ? ` in ${path}` : '';
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}${where}`;
  }
  const got = 'input' in issue ? `; got ${describe(issue.input)}` : '';
  return `${path}: ${issue.message}${got}`;
}

/**
 * Validates `value` against a zod schema and returns the parsed (typed, defaulted) value.
 * Configs, task specs and CLI arguments go through here, so unknown keys (`"stepz"`), wrong
 * types (`"steps": "10"`) and out-of-range values (`--epochs 1.5`) are errors that name the key
 * and the value, never silently ignored. Every problem is listed, not only the first.
 *
 * Why zod: one schema gives both the run-time check and the TypeScript type (`z.output`), so a
 * field and its validation cannot drift apart; it is small, dependency-free and runs in browsers.
 *
 * @param fn - the caller, first word of the message (`PretrainConfig`, `taskFromSpec`)
 * @param schema - a zod schema; use `z.strictObject` so unknown keys are rejected
 * @param value - the untrusted input
 * @param source - where the value came from (a file path), added to the message
 * @throws TypeError when a key is unknown or a value has the wrong type; RangeError when a value
 *   has the right type but is out of range (not an integer, too small, not one of the choices)
 * @example
 * ```ts
 * const Config = z.strictObject({ steps: z.number().int().min(1) });
 * parseWithSchema('pretrain', Config, { stepz: 10 }, 'run.json');
 * // TypeError: pretrain (run.json): unknown key "stepz"; steps: Invalid input: expected number, received undefined
 * ```
 */
export function parseWithSchema<S extends z.ZodType>(
  fn: string,
  schema: S,
  value: unknown,
  source?: string,
): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  // unknown keys first: a misspelt key usually explains the "missing" one beside it
  const issues = [...result.error.issues].sort(
    (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
  );
  const typeProblem = issues.some(
    (i) =>
      i.code === 'unrecognized_keys' ||
      // zod reports 1.5 for an int as invalid_type; a number of the wrong kind is a range problem
      (i.code === 'invalid_type' && !(i.expected === 'int' && typeof i.input === 'number')),
  );
  const ErrorType = typeProblem ? TypeError : RangeError;
  const where = source === undefined ? '' : ` (${source})`;
  throw new ErrorType(`${fn}${where}: ${issues.map(issueText).join('; ')}`);
}
