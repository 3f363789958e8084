import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DelimitedFormat } from './delimited-format';
import { type DelimitedRecord, readDelimited } from './read-delimited';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ksub-delimited-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(text: string, format: DelimitedFormat): Promise<DelimitedRecord[]> {
  const path = join(dir, 'f.txt');
  writeFileSync(path, text);
  const records: DelimitedRecord[] = [];
  for await (const r of readDelimited(path, format)) records.push(r);
  return records;
}

describe('readDelimited', () => {
  it('without quoting (GLUE), splits each line: quotes are ordinary characters', async () => {
    expect(await read('\uFEFFa\t"b\n\nc\td\r\ne"\tf', { delimiter: '\t', quote: null })).toEqual([
      { line: 1, fields: ['a', '"b'] },
      { line: 3, fields: ['c', 'd'] },
      { line: 4, fields: ['e"', 'f'] },
    ]);
  });

  it('with quoting (RFC 4180), keeps a quoted newline, delimiter and doubled quote; a record has its first line', async () => {
    expect(await read('x,"a\r\nb, ""c"""\n\n"",y\n', { delimiter: ',', quote: '"' })).toEqual([
      { line: 1, fields: ['x', 'a\nb, "c"'] },
      { line: 4, fields: ['', 'y'] },
    ]);
  });

  it('turns a malformed record into a report of its line and reads on from the next line', async () => {
    const text = ['a,"b"c,d', 'e,f', '"g,h', 'i,j', ''].join('\n');
    expect(await read(text, { delimiter: ',', quote: '"' })).toEqual([
      {
        line: 1,
        malformed: '"c" after a closing quote in field 2 (expected "," or the end of the line)',
      },
      { line: 2, fields: ['e', 'f'] },
      {
        line: 3,
        malformed:
          'a quote opened in field 1 is never closed (the rest of the file was read again from line 4)',
      },
      { line: 4, fields: ['i', 'j'] },
    ]);
  });

  it('a record that ends badly after spanning lines is skipped whole, reported at its first line', async () => {
    const text = ['"one', 'two"x,pos', 'k,l'].join('\n');
    expect(await read(text, { delimiter: ',', quote: '"' })).toEqual([
      {
        line: 1,
        malformed:
          '"x" after a closing quote in field 1 (expected "," or the end of the line), in a record over lines 1–2',
      },
      { line: 3, fields: ['k', 'l'] },
    ]);
  });

  it('refuses a delimiter that is not one character before reading (an empty one used to hang)', () => {
    expect(() => readDelimited(join(dir, 'f.txt'), { delimiter: '', quote: null })).toThrow(
      'readDelimited: delimiter must be exactly one character (not a line break); got ""',
    );
    expect(() => readDelimited(join(dir, 'f.txt'), { delimiter: ',', quote: ',' })).toThrow(
      'readDelimited: quote must be one character other than the delimiter and a line break, or null; got ","',
    );
  });

  it('names the file when it cannot be read', async () => {
    const drain = async (path: string) => {
      for await (const _ of readDelimited(path, { delimiter: '\t', quote: null })) void _;
    };
    mkdirSync(join(dir, 'a-dir'));
    await expect(drain(join(dir, 'a-dir'))).rejects.toThrow(
      `cannot read the data file ${join(dir, 'a-dir')}: is a directory, not a file (EISDIR)`,
    );
    await expect(drain(join(dir, 'missing.tsv'))).rejects.toThrow(
      `cannot read the data file ${join(dir, 'missing.tsv')}: does not exist (ENOENT)`,
    );
  });
});
