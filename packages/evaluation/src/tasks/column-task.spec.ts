import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ColumnTask } from './column-task';

describe('ColumnTask', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ksub-column-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes only plain decimal scores; any other spelling is skipped with its line', async () => {
    const scores = ['4.5', '-1', '.5', '2e-1', '0x10', '1e', '', 'Infinity', '0b1', '1_000', ' 3 '];
    writeFileSync(
      join(dir, 'scores.tsv'),
      `text\tscore\n${scores.map((s, i) => `t${i}\t${s}`).join('\n')}\n`,
    );
    const task = new ColumnTask({
      name: 'scores',
      description: '',
      header: true,
      text: 'text',
      label: 'score',
      labels: 'regression',
      metrics: ['pearson'],
      files: { train: join(dir, 'scores.tsv') },
    });
    const { examples, skipped } = await task.load('train');
    expect(examples.map((e) => e.label)).toEqual([4.5, -1, 0.5, 0.2, 3]);
    expect(skipped.map((s) => [s.line, s.reason])).toEqual([
      [6, 'score "0x10" is not a plain decimal number'],
      [7, 'score "1e" is not a plain decimal number'],
      [8, 'score "" is not a plain decimal number'],
      [9, 'score "Infinity" is not a plain decimal number'],
      [10, 'score "0b1" is not a plain decimal number'],
      [11, 'score "1_000" is not a plain decimal number'],
    ]);
  });

  it('a malformed header is an error naming the file and line, not a skipped row', async () => {
    writeFileSync(join(dir, 'bad-header.csv'), '"text,label\na,b\n');
    const task = new ColumnTask({
      name: 'h',
      description: '',
      header: true,
      delimiter: ',',
      quote: '"',
      text: 'text',
      label: 'label',
      labels: ['a', 'b'],
      metrics: ['accuracy'],
      files: { train: join(dir, 'bad-header.csv') },
    });
    await expect(task.load('train')).rejects.toThrow(
      `ColumnTask: the header of ${join(dir, 'bad-header.csv')} (line 1) is malformed: a quote opened in field 1 is never closed`,
    );
  });

  it('refuses an empty delimiter when it is made, not when it reads', () => {
    expect(
      () =>
        new ColumnTask({
          name: 'x',
          description: '',
          header: false,
          delimiter: '',
          text: 0,
          label: 1,
          labels: ['a', 'b'],
          metrics: ['accuracy'],
          files: { train: join(dir, 'none.tsv') },
        }),
    ).toThrow('ColumnTask x: delimiter must be exactly one character (not a line break); got ""');
  });
});
