import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as target from './corpus-target';
import { installCorpus } from './install-corpus';
import { type CorpusManifest, MANIFEST_FILE } from './manifest';
import { sampleManifest } from '../testing/sample-manifest';

jest.mock('./corpus-target', () => {
  const actual = jest.requireActual<typeof import('./corpus-target')>('./corpus-target');
  return { ...actual, inspectCorpusTarget: jest.fn(actual.inspectCorpusTarget) };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-install-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const manifest = (name: string): CorpusManifest => sampleManifest({ corpus: { name, description: 'test' } });

async function corpus(name: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(path);
  await writeFile(join(path, MANIFEST_FILE), JSON.stringify(manifest(name)));
  return path;
}

const nameIn = async (path: string): Promise<string> =>
  (JSON.parse(await readFile(join(path, MANIFEST_FILE), 'utf8')) as CorpusManifest).corpus.name;

describe('installCorpus', () => {
  it('moves the new corpus into an absent path', async () => {
    const staging = await corpus('new');
    await installCorpus('f', staging, join(dir, 'out'), false);
    expect(await readdir(dir)).toEqual(['out']);
    expect(await nameIn(join(dir, 'out'))).toBe('new');
  });

  it('replaces a corpus with force, deleting the old one only after the new one is in', async () => {
    const out = await corpus('old');
    const staging = await corpus('new');
    await expect(installCorpus('f', staging, out, false)).rejects.toThrow(/pass --force/);
    expect(await nameIn(out)).toBe('old');
    await installCorpus('f', staging, out, true);
    expect(await nameIn(out)).toBe('new');
    expect(await readdir(dir)).toEqual(['old']); // `out` is dir/old; nothing left beside it
  });

  it('refuses what appeared at the path while packing, touching neither', async () => {
    const staging = await corpus('new');
    const out = join(dir, 'out');
    await mkdir(out);
    await writeFile(join(out, 'mine.txt'), 'mine');
    await expect(installCorpus('f', staging, out, true)).rejects.toThrow(
      `f: outDir ${out} must be absent or a ksub corpus; got a directory of 1 entry (mine.txt) with no corpus manifest`,
    );
    expect(await readFile(join(out, 'mine.txt'), 'utf8')).toBe('mine');
    expect(await nameIn(staging)).toBe('new');
  });

  it('puts the old corpus back when the new one cannot be moved in', async () => {
    const out = await corpus('old');
    const missing = join(dir, 'no-staging');
    await expect(installCorpus('f', missing, out, true)).rejects.toThrow(
      `cannot move ${missing} to ${out}: does not exist (ENOENT); the old one: put back at ${out}`,
    );
    expect(await readdir(dir)).toEqual(['old']);
    expect(await nameIn(out)).toBe('old');
  });

  it('refuses what was swapped in after it was inspected as a corpus', async () => {
    const out = join(dir, 'out');
    await mkdir(out);
    await writeFile(join(out, 'mine.txt'), 'mine');
    const staging = await corpus('new');
    // the first look sees a corpus; by the time it is renamed aside it is the user's directory
    jest
      .mocked(target.inspectCorpusTarget)
      .mockResolvedValueOnce({ kind: 'corpus', manifest: manifest('old') });
    await expect(installCorpus('f', staging, out, true)).rejects.toThrow(
      `f: ${out} exists and is not a ksub corpus (a directory of other files); refusing to replace it`,
    );
    expect(await readFile(join(out, 'mine.txt'), 'utf8')).toBe('mine');
    expect((await readdir(dir)).sort()).toEqual(['new', 'out']);
  });
});
