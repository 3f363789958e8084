import { FormatError } from '@ksub/core';
import { listSkipped } from './skipped-rows';
import type { LoadedSplit, Task } from './task';

/**
 * Loads a split that a run cannot do without (the data to train or select on): a split with no
 * usable example — an empty or header-only file, or every row skipped — is an error that lists
 * the skipped rows, instead of a run of 0 steps whose scores mean nothing.
 *
 * @param fn - the caller, first word of the message
 * @throws FormatError naming the task and split, with the skipped rows.
 * @example
 * ```ts
 * const train = await loadNonEmpty('finetune', task, 'train');
 * ```
 */
export async function loadNonEmpty(fn: string, task: Task, split: string): Promise<LoadedSplit> {
  const loaded = await task.load(split);
  if (loaded.examples.length > 0) return loaded;
  const { skipped } = loaded;
  const what = `${fn}: split ${JSON.stringify(split)} of task ${JSON.stringify(task.name)} must have at least one usable example`;
  throw new FormatError(
    skipped.length === 0
      ? `${what}; got 0 (no rows, none skipped)`
      : `${what}; got 0 of ${skipped.length} rows, all skipped:\n${listSkipped(skipped)}`,
  );
}
