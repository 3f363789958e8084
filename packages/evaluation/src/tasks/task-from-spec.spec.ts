import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTaskSpec, taskFromSpec } from './task-from-spec';

describe("tasks from a JSON spec (a user's own TSV)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ksub-task-'));
    writeFileSync(join(dir, 'train.csv'), 'stars;review\n5;great phone\n1;broke in a week\n3;fine\n');
    writeFileSync(join(dir, 'dev.csv'), 'stars;review\n4;works\n9;strange\n');
    writeFileSync(
      join(dir, 'reviews.json'),
      JSON.stringify({
        name: 'reviews',
        files: { train: 'train.csv', dev: 'dev.csv' },
        delimiter: ';',
        text: 'review',
        label: 'stars',
        labels: ['1', '2', '3', '4', '5'],
      }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads from a spec file with paths relative to it, reporting unknown labels', async () => {
    const task = await loadTaskSpec(join(dir, 'reviews.json'));
    expect(task.metrics).toEqual(['accuracy']);
    expect((await task.load('train')).examples.map((e) => [e.text, e.label])).toEqual([
      ['great phone', 4],
      ['broke in a week', 0],
      ['fine', 2],
    ]);
    const dev = await task.load('dev');
    expect(dev.examples).toHaveLength(1);
    expect(dev.skipped).toEqual([
      { file: join(dir, 'dev.csv'), line: 3, reason: 'unknown label "9" (expected one of 1, 2, 3, 4, 5)' },
    ]);
  });

  it('takes a regression task by column index, with default metrics', async () => {
    const task = taskFromSpec(
      {
        name: 'score',
        files: { train: 'train.csv' },
        delimiter: ';',
        text: 1,
        label: 0,
        labels: 'regression',
      },
      dir,
    );
    expect(task.kind).toBe('regression');
    expect(task.metrics).toEqual(['pearson', 'spearman']);
    expect((await task.load('train')).examples.map((e) => e.label)).toEqual([5, 1, 3]);
  });

  it('names bad fields', async () => {
    expect(() =>
      taskFromSpec(
        { name: 'x', files: { train: 'a' }, text: 'a', label: 'b', labels: 'regression', metrics: ['f1'] },
        dir,
      ),
    ).toThrow('metrics must be among pearson, spearman for a regression task; got "f1"');
    expect(() =>
      taskFromSpec({ name: 'x', files: { train: 'a' }, text: -1, label: 'b', labels: ['a', 'b'] }, dir),
    ).toThrow('text must be a column name or index; got -1');
    expect(() =>
      taskFromSpec({ name: 'x', files: { train: 'a' }, text: 'a', label: 'b', labels: ['only'] }, dir),
    ).toThrow('labels must be "regression" or at least 2 class names');
    await expect(loadTaskSpec(join(dir, 'train.csv'))).rejects.toThrow('is not a readable JSON file');
  });
});
