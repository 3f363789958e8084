import { taskFromSpec } from './task-from-spec';

/** A valid spec to vary one key of. */
const BASE = { name: 'x', files: { train: 'a.tsv' }, text: 'a', label: 'b', labels: ['neg', 'pos'] };

describe('the task spec schema (what taskFromSpec accepts)', () => {
  it('names an unknown key instead of ignoring it', () => {
    expect(() => taskFromSpec({ ...BASE, labelz: ['a', 'b'] } as never, '/d')).toThrow(
      new TypeError('taskFromSpec: unknown key "labelz"'),
    );
    expect(() => taskFromSpec({ ...BASE, labelz: ['a', 'b'] } as never, '/d', 'my.json')).toThrow(
      'taskFromSpec (my.json): unknown key "labelz"',
    );
  });

  it('refuses a repeated class name, naming it', () => {
    expect(() => taskFromSpec({ ...BASE, labels: ['neg', 'pos', 'neg'] }, '/d')).toThrow(
      'taskFromSpec: labels: must name each class once ("neg" is repeated); got ["neg", "pos", "neg"]',
    );
  });

  it('refuses an empty delimiter at once, naming the key and the value', () => {
    const started = Date.now();
    expect(() => taskFromSpec({ ...BASE, delimiter: '' }, '/d')).toThrow(
      /^taskFromSpec: delimiter: must be exactly one character .*; got ""$/,
    );
    expect(() => taskFromSpec({ ...BASE, delimiter: ';;' }, '/d')).toThrow(
      'delimiter: must be exactly one character',
    );
    expect(() => taskFromSpec({ ...BASE, delimiter: '\n' }, '/d')).toThrow(
      'delimiter: must not be a line break',
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('takes a quote character or null, and refuses one equal to the delimiter', () => {
    expect(taskFromSpec({ ...BASE, quote: "'" }, '/d').spec.quote).toBe("'");
    expect(taskFromSpec({ ...BASE, quote: null }, '/d').spec.quote).toBeNull();
    expect(() => taskFromSpec({ ...BASE, quote: '' }, '/d')).toThrow('quote: must be exactly one character');
    expect(() => taskFromSpec({ ...BASE, delimiter: '"', quote: '"' }, '/d')).toThrow(
      'quote: must differ from the delimiter; got "\\""',
    );
  });

  it('reads .csv as RFC 4180 and other files as TSV by default, and wants the format said for a mix', () => {
    expect(taskFromSpec({ ...BASE, files: { train: 'a.CSV' } }, '/d').spec).toMatchObject({
      delimiter: ',',
      quote: '"',
    });
    expect(taskFromSpec({ ...BASE, files: { train: 'a.txt' } }, '/d').spec).toMatchObject({
      delimiter: '\t',
      quote: null,
    });
    expect(taskFromSpec({ ...BASE, files: { train: 'a.csv' }, delimiter: ';' }, '/d').spec).toMatchObject({
      delimiter: ';',
      quote: '"',
    });
    const mixed = { ...BASE, files: { train: 'a.csv', dev: 'b.tsv' } };
    expect(() => taskFromSpec(mixed, '/d')).toThrow('files: mix .csv and other files');
    expect(taskFromSpec({ ...mixed, delimiter: '\t', quote: null }, '/d').spec.quote).toBeNull();
  });

  it('names bad fields (columns, labels, metrics, files)', () => {
    expect(() => taskFromSpec({ ...BASE, labels: 'regression', metrics: ['f1'] }, '/d')).toThrow(
      'metrics: must be among pearson, spearman for a regression task; got "f1"',
    );
    expect(() => taskFromSpec({ ...BASE, text: -1 }, '/d')).toThrow(
      'text: must be a column name or a 0-based index; got -1',
    );
    expect(() => taskFromSpec({ ...BASE, labels: ['only'] }, '/d')).toThrow(
      'labels: must be "regression" or at least 2 class names; got ["only"]',
    );
    expect(() => taskFromSpec({ ...BASE, files: {} }, '/d')).toThrow('files: must name at least one split');
    expect(() => taskFromSpec({ ...BASE, files: { train: '' } }, '/d')).toThrow(
      'files.train: must be a path',
    );
    expect(() => taskFromSpec({ ...BASE, name: '' }, '/d')).toThrow('name: must be a non-empty string');
  });
});
