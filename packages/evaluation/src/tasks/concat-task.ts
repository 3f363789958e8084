import { assert } from '@ksub/core';
import { assertSplit } from './assert-split';
import type { LoadedSplit, MetricName, Task } from './task';

/**
 * One task from several with the same labels: a split is the concatenation of that split of every
 * part (skipped rows too). How translate-train-all trains on MNLI plus its translations.
 *
 * @throws RangeError when the parts differ in kind, labels or pairing, or share no split.
 */
export function concatTasks(name: string, parts: readonly Task[]): Task {
  assert(parts.length > 0, () => `concatTasks: parts must not be empty`, RangeError);
  const [first] = parts as [Task];
  for (const p of parts)
    assert(
      p.kind === first.kind &&
        p.pair === first.pair &&
        p.labels.join('\u0000') === first.labels.join('\u0000'),
      () => `concatTasks: ${p.name} differs from ${first.name} in kind, pairing or labels`,
      RangeError,
    );
  const splits = first.splits.filter((s) => parts.every((p) => p.splits.includes(s)));
  assert(
    splits.length > 0,
    () => `concatTasks: ${parts.map((p) => p.name).join(', ')} share no split`,
    RangeError,
  );
  return {
    name,
    kind: first.kind,
    labels: first.labels,
    pair: first.pair,
    metrics: first.metrics as readonly MetricName[],
    splits,
    description: `${parts.map((p) => p.name).join(' + ')}`,
    async load(split: string): Promise<LoadedSplit> {
      assertSplit(name, splits, split);
      const loaded = await Promise.all(parts.map((p) => p.load(split)));
      return { examples: loaded.flatMap((l) => l.examples), skipped: loaded.flatMap((l) => l.skipped) };
    },
  };
}
