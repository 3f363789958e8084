import type { Example, LoadedSplit, Task } from '../tasks/task';
import { resplitTask } from './resplit-task';

/** An in-memory task: split name → examples and skipped rows; counts its loads. */
function memoryTask(parts: Record<string, LoadedSplit>, kind: Task['kind'] = 'classification') {
  const loads: string[] = [];
  const task: Task = {
    name: 'memory',
    kind,
    labels: ['no', 'yes'],
    pair: false,
    metrics: ['accuracy'],
    splits: Object.keys(parts),
    description: 'in memory',
    async load(split: string) {
      loads.push(split);
      const part = parts[split];
      if (part === undefined) throw new Error(`no split ${split}`);
      return part;
    },
  };
  return { task, loads };
}

const examples = (prefix: string, n: number, label: (i: number) => number): Example[] =>
  Array.from({ length: n }, (_, i) => ({ text: `${prefix} ${i}`, label: label(i) }));

describe('resplitTask', () => {
  // a: 20 examples, all 0; b: 20 examples, all 1 — pooled, every split gets both classes
  const parts = {
    a: { examples: examples('a', 20, () => 0), skipped: [{ file: 'a.tsv', line: 3, reason: 'empty text' }] },
    b: { examples: examples('b', 20, () => 1), skipped: [{ file: 'b.tsv', line: 9, reason: 'empty text' }] },
  };

  it('pools the splits and re-splits them stratified, skipped rows once with the first split', async () => {
    const { task, loads } = memoryTask(parts);
    const resplit = resplitTask(task, { name: 'mixed', fractions: { train: 0.5, dev: 0.25, test: 0.25 } });
    expect([resplit.name, resplit.splits, resplit.labels, resplit.kind]).toEqual([
      'mixed',
      ['train', 'dev', 'test'],
      ['no', 'yes'],
      'classification',
    ]);
    expect(resplit.description).toBe(
      'in memory; splits pooled and re-split stratified (train 0.5, dev 0.25, test 0.25)',
    );
    const loaded = await Promise.all(resplit.splits.map((s) => resplit.load(s)));
    const counts = loaded.map((l) => [0, 1].map((c) => l.examples.filter((e) => e.label === c).length));
    expect(counts).toEqual([
      [10, 10],
      [5, 5],
      [5, 5],
    ]);
    expect(loaded.map((l) => l.skipped.map((s) => s.file))).toEqual([['a.tsv', 'b.tsv'], [], []]);
    expect(loads).toEqual(['a', 'b']); // the pool is loaded once
  });

  it('finds duplicates of a pair task by both texts', async () => {
    const same = Array.from({ length: 8 }, (_, i) => ({
      text: 'same question',
      textPair: `answer ${i}`,
      label: i % 2,
    }));
    const { task } = memoryTask({ all: { examples: same, skipped: [] } });
    const resplit = resplitTask({ ...task, pair: true }, { fractions: { train: 0.5, dev: 0.5 } });
    expect(resplit.pair).toBe(true);
    expect((await resplit.load('train')).examples).toHaveLength(4); // not one group of 8
  });

  it('names bad use', async () => {
    const pair = memoryTask(parts).task;
    await expect(resplitTask(pair, { fractions: { train: 1 } }).load('dev')).rejects.toThrow(
      'memory.load: split must be one of train; got "dev"',
    );
    expect(() => resplitTask(memoryTask(parts, 'regression').task, { fractions: { train: 1 } })).toThrow(
      'resplitTask: task memory must be a classification task; got "regression"',
    );
    expect(() => resplitTask(pair, { fractions: { train: 0.5 } })).toThrow(
      'stratifiedSplit: fractions must sum to 1 (within 1e-9); got 0.5',
    );
  });

  it('retries a pool that failed to load', async () => {
    let fail = true;
    const { task } = memoryTask(parts);
    const flaky: Task = {
      ...task,
      load: async (split) => {
        if (fail) throw new Error('cannot read a.tsv');
        return task.load(split);
      },
    };
    const resplit = resplitTask(flaky, { fractions: { train: 0.5, dev: 0.5 } });
    await expect(resplit.load('train')).rejects.toThrow('cannot read a.tsv');
    fail = false;
    expect((await resplit.load('train')).examples).toHaveLength(20);
  });
});
