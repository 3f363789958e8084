import { FormatError } from '@ksub/core';
import { loadNonEmpty } from './load-non-empty';
import { listSkipped } from './skipped-rows';
import type { LoadedSplit, SkippedRow, Task } from './task';

function taskOf(loaded: LoadedSplit): Task {
  return {
    name: 't',
    kind: 'classification',
    labels: ['a', 'b'],
    pair: false,
    metrics: ['accuracy'],
    splits: ['train'],
    description: '',
    load: async () => loaded,
  };
}

const row = (line: number): SkippedRow => ({ file: 'f.tsv', line, reason: 'empty text' });

describe('loadNonEmpty', () => {
  it('returns a split with examples, skipped rows and all', async () => {
    const loaded = { examples: [{ text: 'x', label: 0 }], skipped: [row(2)] };
    await expect(loadNonEmpty('f', taskOf(loaded), 'train')).resolves.toBe(loaded);
  });

  it('refuses a split with no rows, and one whose every row was skipped, listing them', async () => {
    await expect(loadNonEmpty('f', taskOf({ examples: [], skipped: [] }), 'train')).rejects.toThrow(
      new FormatError(
        'f: split "train" of task "t" must have at least one usable example; got 0 (no rows, none skipped)',
      ),
    );
    await expect(
      loadNonEmpty('f', taskOf({ examples: [], skipped: [row(2), row(5)] }), 'train'),
    ).rejects.toThrow('got 0 of 2 rows, all skipped:\n  f.tsv:2: empty text\n  f.tsv:5: empty text\n');
  });
});

describe('listSkipped', () => {
  it('lists up to the limit, then says how many more', () => {
    expect(listSkipped([row(1), row(2), row(3)], 2)).toBe(
      '  f.tsv:1: empty text\n  f.tsv:2: empty text\n  … and 1 more\n',
    );
    expect(listSkipped([])).toBe('');
  });
});
