/**
 * Checks that `split` is one of a task's splits.
 *
 * @throws RangeError naming the task, its splits and the value.
 */
export function assertSplit(task: string, splits: readonly string[], split: string): void {
  if (!splits.includes(split))
    throw new RangeError(
      `${task}.load: split must be one of ${splits.join(', ')}; got ${JSON.stringify(split)}`,
    );
}
