import { assert, describe } from '@ksub/core';
import { assertSplit } from '../tasks/assert-split';
import type { Example, LoadedSplit, MetricName, SkippedRow, Task } from '../tasks/task';
import { type SplitFractions, type SplitItem, stratifiedSplit } from './stratified-split';

/** Options of {@link resplitTask}. */
export interface ResplitOptions<S extends string> {
  /** Split name → share; the new task's splits, in this order. */
  readonly fractions: SplitFractions<S>;
  /** Name of the new task (default: the pooled task's). */
  readonly name?: string;
  /** Description of the new task (default: the pooled task's, with the fractions). */
  readonly description?: string;
}

/** The text a pooled example is deduplicated by: both texts of a pair. */
const dedupText = (e: Example) => (e.textPair === undefined ? e.text : `${e.text}\t${e.textPair}`);

/**
 * A classification task whose splits are pooled and split again with {@link stratifiedSplit}:
 * every split then has one class balance and no text of one split repeats in another. The key of
 * an example is `<pooled split>:<index in it>`, so the result is a function of the pooled task's
 * files. The pool is loaded once, on the first `load`. Rows the pooled task skipped are reported
 * once, with the first split of `fractions` (they have no label to stratify by).
 *
 * @throws TypeError for a regression task; the argument errors of {@link stratifiedSplit} for bad
 *   fractions.
 * @example
 * ```ts
 * const task = resplitTask(columnTask, { fractions: { train: 0.7, dev: 0.15, test: 0.15 } });
 * const { examples } = await task.load('test');
 * ```
 */
export function resplitTask<S extends string>(pooled: Task, options: ResplitOptions<S>): Task {
  assert(
    pooled.kind === 'classification',
    () => `resplitTask: task ${pooled.name} must be a classification task; got ${describe(pooled.kind)}`,
    TypeError,
  );
  stratifiedSplit([], options.fractions); // argument errors now, not at the first load
  const splits = Object.keys(options.fractions) as S[];
  const name = options.name ?? pooled.name;
  const shares = splits.map((s) => `${s} ${options.fractions[s]}`).join(', ');
  let cache: Promise<Map<string, LoadedSplit>> | undefined;

  async function build(): Promise<Map<string, LoadedSplit>> {
    const examples: Example[] = [];
    const items: SplitItem[] = [];
    const skipped: SkippedRow[] = [];
    for (const split of pooled.splits) {
      const loaded = await pooled.load(split);
      loaded.examples.forEach((e, i) => {
        examples.push(e);
        items.push({ key: `${split}:${i}`, label: e.label, text: dedupText(e) });
      });
      skipped.push(...loaded.skipped);
    }
    const assigned = stratifiedSplit(items, options.fractions);
    return new Map(
      splits.map((s, k) => [
        s,
        { examples: assigned[s].map((i) => examples[i] as Example), skipped: k === 0 ? skipped : [] },
      ]),
    );
  }

  return {
    name,
    kind: 'classification',
    labels: pooled.labels,
    pair: pooled.pair,
    metrics: pooled.metrics as readonly MetricName[],
    splits,
    description:
      options.description ?? `${pooled.description}; splits pooled and re-split stratified (${shares})`,
    async load(split: string): Promise<LoadedSplit> {
      assertSplit(name, splits, split);
      cache ??= build().catch((error: unknown) => {
        cache = undefined; // a failed load (a missing file) is retried, not remembered
        throw error;
      });
      return (await cache).get(split) as LoadedSplit;
    },
  };
}
