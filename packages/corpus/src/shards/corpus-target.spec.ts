import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertReplaceable, type CorpusTarget, inspectCorpusTarget } from './corpus-target';
import { sampleManifest } from '../testing/sample-manifest';
import { MANIFEST_FILE } from './manifest';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-target-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const manifest = sampleManifest();

describe('inspectCorpusTarget', () => {
  it('tells nothing, an empty directory, a corpus and anything else apart', async () => {
    await mkdir(join(dir, 'empty'));
    await mkdir(join(dir, 'corpus'));
    await writeFile(join(dir, 'corpus', MANIFEST_FILE), JSON.stringify(manifest));
    await mkdir(join(dir, 'notes'));
    for (const f of ['a', 'b', 'c', 'd', 'e', 'f']) await writeFile(join(dir, 'notes', `${f}.txt`), f);
    await mkdir(join(dir, 'npm'));
    await writeFile(join(dir, 'npm', MANIFEST_FILE), '{"name": "pkg"}');
    await writeFile(join(dir, 'file'), 'x');
    await symlink(join(dir, 'corpus'), join(dir, 'link'));

    expect(await inspectCorpusTarget(join(dir, 'missing'))).toEqual({ kind: 'absent' });
    expect(await inspectCorpusTarget(join(dir, 'empty'))).toEqual({ kind: 'empty-dir' });
    expect(await inspectCorpusTarget(join(dir, 'corpus'))).toEqual({ kind: 'corpus', manifest });
    expect(await inspectCorpusTarget(join(dir, 'notes'))).toEqual({
      kind: 'other',
      what: 'a directory of 6 entries (a.txt, b.txt, c.txt, d.txt, e.txt, …) with no corpus manifest',
    });
    expect(await inspectCorpusTarget(join(dir, 'npm'))).toEqual({
      kind: 'other',
      what: expect.stringMatching(
        /^a directory of 1 entry \(manifest\.json\) whose manifest\.json is not a ksub corpus manifest \(.*format must be "ksub-corpus"; got undefined\)$/,
      ),
    });
    expect(await inspectCorpusTarget(join(dir, 'file'))).toEqual({ kind: 'other', what: 'a file of 1 byte' });
    expect(await inspectCorpusTarget(join(dir, 'link'))).toEqual({
      kind: 'other',
      what: `a symbolic link to ${join(dir, 'corpus')} (pass the real path)`,
    });
  });

  it('names the path when it cannot be inspected', async () => {
    await writeFile(join(dir, 'plain'), 'x');
    await expect(inspectCorpusTarget(join(dir, 'plain', 'sub'))).rejects.toThrow(
      `cannot inspect the output path ${join(dir, 'plain', 'sub')}: a part of the path is not a directory (ENOTDIR)`,
    );
  });
});

describe('assertReplaceable', () => {
  const corpus: CorpusTarget = { kind: 'corpus', manifest };
  const other: CorpusTarget = { kind: 'other', what: 'a file of 3 bytes' };

  it('allows nothing and an empty directory, a corpus only with force, and nothing else ever', () => {
    for (const force of [false, true]) {
      expect(() => assertReplaceable('f', 'out', { kind: 'absent' }, force)).not.toThrow();
      expect(() => assertReplaceable('f', 'out', { kind: 'empty-dir' }, force)).not.toThrow();
      expect(() => assertReplaceable('f', 'out', other, force)).toThrow(
        'f: outDir out must be absent or a ksub corpus; got a file of 3 bytes; nothing was changed',
      );
    }
    expect(() => assertReplaceable('f', 'out', corpus, true)).not.toThrow();
    expect(() => assertReplaceable('f', 'out', corpus, false)).toThrow(
      'f: outDir out already holds a ksub corpus (list, tokenizer roberta-gpt2, 0 tokens); pass --force (force: true) to replace it',
    );
  });
});
