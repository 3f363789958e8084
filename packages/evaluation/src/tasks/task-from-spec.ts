import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { FormatError, parseWithSchema, withFileContext } from '@ksub/core';
import { ColumnTask } from './column-task';
import { specFormat, type TaskSpecJson, TaskSpecSchema } from './task-spec-schema';
import type { MetricName } from './task';

/**
 * A {@link ColumnTask} from a parsed JSON spec — how a user brings their own task. The spec is
 * checked against {@link TaskSpecSchema} first: unknown keys, repeated class names, a delimiter
 * that is not one character and metrics that do not fit the task are errors naming the key and
 * the value. A `.csv` file is read as RFC 4180 (comma, quoted fields may span lines), anything
 * else as GLUE's TSV (tab, no quoting), unless `delimiter` / `quote` say otherwise.
 *
 * @param spec - the parsed JSON (untrusted)
 * @param baseDir - directory relative file paths are resolved against
 * @param source - where the spec came from (its file), for error messages
 * @throws TypeError for an unknown key or a value of the wrong type, RangeError for a value out of
 *   range; both name the key and the value.
 * @example
 * ```ts
 * const task = taskFromSpec({ name: 'reviews', files: { train: 'train.tsv', dev: 'dev.tsv' },
 *   text: 'review', label: 'stars', labels: ['1', '2', '3', '4', '5'] }, '/data/reviews');
 * ```
 */
export function taskFromSpec(spec: TaskSpecJson, baseDir: string, source?: string): ColumnTask {
  const s = parseWithSchema('taskFromSpec', TaskSpecSchema, spec, source);
  const regression = s.labels === 'regression';
  const metrics: readonly MetricName[] =
    s.metrics ??
    (regression ? ['pearson', 'spearman'] : s.labels.length === 2 ? ['accuracy', 'f1'] : ['accuracy']);
  const files = Object.fromEntries(
    Object.entries(s.files).map(([split, path]) => [split, isAbsolute(path) ? path : resolve(baseDir, path)]),
  );
  return new ColumnTask({
    name: s.name,
    description: s.description ?? `a user task from a JSON spec (${Object.values(files).join(', ')})`,
    files,
    header: s.header ?? true,
    ...specFormat(s),
    text: s.text,
    ...(s.textPair === undefined ? {} : { textPair: s.textPair }),
    label: s.label,
    labels: s.labels,
    metrics,
  });
}

/**
 * Reads a JSON task spec from a file; relative paths in it are resolved against its directory.
 *
 * @throws Error naming the file when it cannot be read (missing, a directory); FormatError naming
 *   it when it is not JSON; the errors of {@link taskFromSpec}, naming it too.
 * @example
 * ```ts
 * const task = await loadTaskSpec('data/reviews/task.json');
 * ```
 */
export async function loadTaskSpec(path: string): Promise<ColumnTask> {
  const text = await withFileContext('read the task spec', path, () => readFile(path, 'utf8'));
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (error) {
    throw new FormatError(`loadTaskSpec: ${path} must be JSON; got ${(error as Error).message}`);
  }
  return taskFromSpec(spec as TaskSpecJson, dirname(path), path);
}
