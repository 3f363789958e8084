import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TextDocument } from '@ksub/core';
import type { Skip } from './corpus-source';
import { textFilesSource } from './text-files-source';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-text-'));
  await mkdir(join(dir, 'nested'));
  await writeFile(join(dir, 'a.txt'), 'First document.\nSecond line.');
  await writeFile(join(dir, 'nested', 'b.md'), '# Notes\nsome text');
  await writeFile(
    join(dir, 'c.jsonl'),
    ['{"id": "x1", "text": "one", "label": "pos"}', '', 'not json', '{"text": 5}', '{"text": "two"}'].join(
      '\n',
    ),
  );
  await writeFile(join(dir, 'd.bin.txt'), Buffer.from([0x68, 0x00, 0x69]));
  await writeFile(join(dir, 'e.txt'), Buffer.from([0x66, 0xff, 0xfe, 0x67]));
  await writeFile(join(dir, 'f.csv'), 'a,b');
  await writeFile(join(dir, 'g.txt'), 'locked');
  await chmod(join(dir, 'g.txt'), 0o000);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(paths: string[]): Promise<{ docs: TextDocument[]; skips: Skip[] }> {
  const docs: TextDocument[] = [];
  const skips: Skip[] = [];
  for await (const doc of textFilesSource(paths).documents({ onSkip: (s) => skips.push(s) })) docs.push(doc);
  return { docs, skips };
}

describe('textFilesSource', () => {
  it('reads text files and JSON lines recursively, and reports every skipped input', async () => {
    const { docs, skips } = await run([dir]);
    const root = process.getuid?.() === 0; // root reads a file even without permissions
    expect(docs.map((d) => d.text)).toEqual([
      'First document.\nSecond line.',
      'one',
      'two',
      ...(root ? ['locked'] : []),
      '# Notes\nsome text',
    ]);
    expect(docs[1]).toMatchObject({ id: 'x1', metadata: { label: 'pos' } });
    expect(docs[2]?.id).toMatch(/c\.jsonl:5$/);
    const reasons = skips.map((s) => `${s.reason} ${s.where.split('/').pop()}`).sort();
    expect(reasons).toEqual(
      [
        'binary d.bin.txt',
        'invalid-utf8 e.txt',
        'malformed-json c.jsonl:3',
        'malformed-json c.jsonl:4',
        'unsupported f.csv',
        ...(root ? [] : ['unreadable g.txt']),
      ].sort(),
    );
  });

  it('reports a missing path as unreadable', async () => {
    const { docs, skips } = await run([join(dir, 'missing')]);
    expect(docs).toEqual([]);
    expect(skips).toMatchObject([{ reason: 'unreadable' }]);
  });

  it('rejects a bad paths argument', () => {
    expect(() => textFilesSource([])).toThrow(
      new TypeError('textFilesSource: paths must be a non-empty array of file or directory paths; got []'),
    );
  });

  it('streams a .jsonl: the first record comes out before the file ends', async () => {
    // A FIFO has no end until its writer closes it: a reader that reads the whole file first never
    // yields, a streaming one yields each record as its line arrives.
    const fifo = join(dir, 'stream', 'live.jsonl');
    await mkdir(join(dir, 'stream'));
    execFileSync('mkfifo', [fifo]);
    const docs = textFilesSource([fifo]).documents()[Symbol.asyncIterator]();
    const firstDoc = docs.next();
    const writer = await open(fifo, 'w');
    try {
      // the reader looks at the first 8 KiB for NUL bytes (binary files) before it yields
      await writer.write(`${'\n'.repeat(8192)}{"text": "early"}\n`);
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 3000).unref());
      const first = await Promise.race([firstDoc, timeout]);
      expect(first).toMatchObject({
        value: { text: 'early', id: expect.stringMatching(/live\.jsonl:8193$/) },
      });
      await writer.write('{"text": "late"}');
    } finally {
      await writer.close();
    }
    expect(await docs.next()).toMatchObject({ value: { text: 'late' } });
    expect((await docs.next()).done).toBe(true);
  });

  it('keeps line numbers and skips across many blank lines', async () => {
    const file = join(dir, 'blank', 'sparse.jsonl');
    await mkdir(join(dir, 'blank'));
    const blanks = '\n'.repeat(1_000_000);
    await writeFile(file, `${blanks}{"text": "a"}\r\n  \t\n${blanks}not json\n${blanks}{"text": "b"}`);
    const { docs, skips } = await run([file]);
    expect(docs.map((d) => [d.text, d.id.split(':').pop()])).toEqual([
      ['a', '1000001'],
      ['b', '3000004'],
    ]);
    expect(skips.map((s) => [s.reason, s.where.split(':').pop()])).toEqual([['malformed-json', '2000003']]);
  });

  it('skips a .jsonl line of invalid UTF-8 and keeps the rest of the file', async () => {
    const file = join(dir, 'utf8', 'mixed.jsonl');
    await mkdir(join(dir, 'utf8'));
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from('{"text": "ok"}\n{"text": "'),
        Buffer.from([0xff]),
        Buffer.from('"}\n{"text": "é"}\n'),
      ]),
    );
    const { docs, skips } = await run([file]);
    expect(docs.map((d) => d.text)).toEqual(['ok', 'é']);
    expect(skips.map((s) => [s.reason, s.where.split('/').pop()])).toEqual([
      ['invalid-utf8', 'mixed.jsonl:2'],
    ]);
  });
});
