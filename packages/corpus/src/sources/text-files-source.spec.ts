import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
});
