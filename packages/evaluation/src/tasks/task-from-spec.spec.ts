import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

  it('names a spec file that is not JSON', async () => {
    await expect(loadTaskSpec(join(dir, 'train.csv'))).rejects.toThrow(
      `loadTaskSpec: ${join(dir, 'train.csv')} must be JSON;`,
    );
  });

  it('names the file when the spec or a data file is a directory', async () => {
    mkdirSync(join(dir, 'spec-dir.json'));
    await expect(loadTaskSpec(join(dir, 'spec-dir.json'))).rejects.toThrow(
      `cannot read the task spec ${join(dir, 'spec-dir.json')}: is a directory, not a file (EISDIR)`,
    );
    mkdirSync(join(dir, 'data-dir.tsv'));
    const task = taskFromSpec(
      { name: 'd', files: { train: 'data-dir.tsv' }, text: 0, label: 1, labels: ['a', 'b'] },
      dir,
    );
    await expect(task.load('train')).rejects.toThrow(
      `cannot read the data file ${join(dir, 'data-dir.tsv')}: is a directory, not a file (EISDIR)`,
    );
  });

  it('reads a .csv with RFC 4180 quoting: a quoted newline stays in its field, a bad line is skipped by number', async () => {
    writeFileSync(
      join(dir, 'quoted.csv'),
      [
        'text,label',
        '"a review',
        'on two lines",pos',
        'plain,neg',
        '"bad" quote,pos',
        'three,fields,neg',
        'last,"neg"',
        '',
      ].join('\n'),
    );
    const task = taskFromSpec(
      { name: 'q', files: { train: 'quoted.csv' }, text: 'text', label: 'label', labels: ['neg', 'pos'] },
      dir,
    );
    const { examples, skipped } = await task.load('train');
    expect(examples.map((e) => [e.text, e.label])).toEqual([
      ['a review\non two lines', 1],
      ['plain', 0],
      ['last', 0],
    ]);
    expect(skipped.map((s) => [s.line, s.reason])).toEqual([
      [5, 'malformed quoting: " " after a closing quote in field 1 (expected "," or the end of the line)'],
      [6, 'expected 2 fields, got 3'],
    ]);
  });

  it('keeps GLUE\'s rule for a .tsv: quotes are ordinary characters, unless the spec sets "quote"', async () => {
    writeFileSync(join(dir, 'quotes.tsv'), ['text\tlabel', '"half a quote\tpos', 'fine\tneg', ''].join('\n'));
    const spec = {
      name: 't',
      files: { train: 'quotes.tsv' },
      text: 'text',
      label: 'label',
      labels: ['neg', 'pos'],
    };
    const tsv = await taskFromSpec(spec, dir).load('train');
    expect(tsv.examples.map((e) => e.text)).toEqual(['"half a quote', 'fine']);
    const quoted = await taskFromSpec({ ...spec, quote: '"' }, dir).load('train');
    expect(quoted.examples.map((e) => e.text)).toEqual(['fine']);
    expect(quoted.skipped.map((s) => [s.line, s.reason])).toEqual([
      [
        2,
        'malformed quoting: a quote opened in field 1 is never closed (the rest of the file was read again from line 3)',
      ],
    ]);
  });
});
