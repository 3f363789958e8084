import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { assert, describe } from '@ksub/core';
import { type Column, ColumnTask } from './column-task';
import type { MetricName } from './task';

/** A user's task as JSON: files, columns and labels. Paths are relative to the spec file. */
export interface TaskSpecJson {
  readonly name: string;
  readonly description?: string;
  /** Split name → path, e.g. `{ "train": "train.tsv", "dev": "dev.tsv" }`. */
  readonly files: Readonly<Record<string, string>>;
  /** Field separator (default tab). */
  readonly delimiter?: string;
  /** Whether the first row names the columns (default true). */
  readonly header?: boolean;
  /** Text column: header name or 0-based index. */
  readonly text: Column;
  /** Second text column of a sentence-pair task. */
  readonly textPair?: Column;
  readonly label: Column;
  /** Class names in index order, or "regression". */
  readonly labels: readonly string[] | 'regression';
  /** Default: accuracy (classification; plus f1 with 2 classes) or pearson + spearman (regression). */
  readonly metrics?: readonly MetricName[];
}

const CLASSIFICATION: readonly MetricName[] = ['accuracy', 'f1', 'matthews'];
const REGRESSION: readonly MetricName[] = ['pearson', 'spearman'];

/**
 * A {@link ColumnTask} from a parsed JSON spec — how a user brings their own task.
 *
 * @throws TypeError / RangeError naming the field: missing name, files, text or label; labels
 *   neither "regression" nor ≥ 2 names; metrics that do not fit the task's kind.
 * @example
 * ```ts
 * const task = taskFromSpec({ name: 'reviews', files: { train: 'train.tsv', dev: 'dev.tsv' },
 *   text: 'review', label: 'stars', labels: ['1', '2', '3', '4', '5'] }, '/data/reviews');
 * ```
 */
export function taskFromSpec(spec: TaskSpecJson, baseDir: string): ColumnTask {
  const fn = 'taskFromSpec';
  assert(
    typeof spec === 'object' && spec !== null,
    () => `${fn}: spec must be an object; got ${describe(spec)}`,
    TypeError,
  );
  assert(
    typeof spec.files === 'object' && spec.files !== null,
    () => `${fn}: files must map split names to paths; got ${describe(spec.files)}`,
    TypeError,
  );
  for (const key of ['text', 'label'] as const)
    assert(
      typeof spec[key] === 'string' || (Number.isInteger(spec[key]) && (spec[key] as number) >= 0),
      () => `${fn}: ${key} must be a column name or index; got ${describe(spec[key])}`,
      TypeError,
    );
  const regression = spec.labels === 'regression';
  const metrics =
    spec.metrics ?? (regression ? REGRESSION : spec.labels.length === 2 ? ['accuracy', 'f1'] : ['accuracy']);
  const allowed = regression ? REGRESSION : CLASSIFICATION;
  for (const m of metrics)
    assert(
      allowed.includes(m),
      () =>
        `${fn}: metrics must be among ${allowed.join(', ')} for a ${regression ? 'regression' : 'classification'} task; got ${describe(m)}`,
      RangeError,
    );
  const files = Object.fromEntries(
    Object.entries(spec.files).map(([split, path]) => {
      assert(
        typeof path === 'string' && path.length > 0,
        () => `${fn}: files.${split} must be a path; got ${describe(path)}`,
        TypeError,
      );
      return [split, isAbsolute(path) ? path : resolve(baseDir, path)];
    }),
  );
  return new ColumnTask({
    name: spec.name,
    description: spec.description ?? `a user task from a JSON spec (${Object.values(files).join(', ')})`,
    files,
    header: spec.header ?? true,
    delimiter: spec.delimiter ?? '\t',
    text: spec.text,
    ...(spec.textPair === undefined ? {} : { textPair: spec.textPair }),
    label: spec.label,
    labels: spec.labels,
    metrics,
  });
}

/**
 * Reads a JSON task spec from a file; relative paths in it are resolved against its directory.
 *
 * @throws Error naming the file when it is unreadable or not JSON; the errors of {@link taskFromSpec}.
 */
export async function loadTaskSpec(path: string): Promise<ColumnTask> {
  let spec: TaskSpecJson;
  try {
    spec = JSON.parse(await readFile(path, 'utf8')) as TaskSpecJson;
  } catch (error) {
    throw new Error(`loadTaskSpec: ${path} is not a readable JSON file (${(error as Error).message})`);
  }
  return taskFromSpec(spec, dirname(path));
}
