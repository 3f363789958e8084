import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import { sampleManifest } from '../testing/sample-manifest';
import { type CorpusManifest, MANIFEST_FILE, readManifest } from './manifest';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-manifest-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const valid: CorpusManifest = sampleManifest({
  counts: {
    documents: { read: 2, train: 1, validation: 0, empty: 1 },
    inputsSkipped: { binary: 1 },
    tokens: { train: 5, validation: 0 },
    sequences: { train: 1, validation: 0 },
  },
  shards: [{ file: 'train-00000.bin', split: 'train', sequences: 1, tokens: 5, sha256: 'ab'.repeat(32) }],
});

/** Writes `manifest` into a fresh corpus directory named `name` and returns the directory. */
async function corpusWith(name: string, manifest: unknown): Promise<string> {
  const out = join(dir, name);
  await mkdir(out);
  await writeFile(
    join(out, MANIFEST_FILE),
    typeof manifest === 'string' ? manifest : JSON.stringify(manifest),
  );
  return out;
}

describe('readManifest', () => {
  it('reads a valid manifest', async () => {
    expect(await readManifest(await corpusWith('valid', valid))).toEqual(valid);
  });

  it('names the file and the missing key when counts is missing', async () => {
    const { counts: _, ...noCounts } = valid;
    const out = await corpusWith('no-counts', noCounts);
    const read = readManifest(out);
    await expect(read).rejects.toThrow(FormatError);
    await expect(read).rejects.toThrow(
      `readManifest (${join(out, MANIFEST_FILE)}): counts: Invalid input: expected object, received undefined`,
    );
  });

  it('names a bad nested key and its value', async () => {
    const bad = { ...valid, counts: { ...valid.counts, tokens: { train: '5', validation: 0 } } };
    await expect(readManifest(await corpusWith('bad-tokens', bad))).rejects.toThrow(
      /readManifest \(.*bad-tokens\/manifest\.json\): counts\.tokens\.train: Invalid input: expected number, received string; got "5"/,
    );
  });

  it('refuses shard file names that leave the corpus directory', async () => {
    const bad = { ...valid, shards: [{ ...valid.shards[0], file: '../../etc/passwd' }] };
    await expect(readManifest(await corpusWith('escape', bad))).rejects.toThrow(/shards\.0\.file: /);
  });

  it('says what is wrong with a manifest of another format, or not JSON', async () => {
    await expect(readManifest(await corpusWith('other', { name: 'my-package' }))).rejects.toThrow(
      /manifest\.json: format must be "ksub-corpus"; got undefined/,
    );
    await expect(readManifest(await corpusWith('not-json', '{'))).rejects.toThrow(/manifest\.json: not JSON/);
  });

  it('names the path on file-system errors', async () => {
    const missing = join(dir, 'nothing');
    await expect(readManifest(missing)).rejects.toThrow(
      new FormatError(
        `readManifest: ${join(missing, MANIFEST_FILE)}: missing (not a packed corpus, or packing did not finish)`,
      ),
    );
    const out = join(dir, 'manifest-is-dir');
    await mkdir(join(out, MANIFEST_FILE), { recursive: true });
    await expect(readManifest(out)).rejects.toThrow(
      `cannot read the corpus manifest ${join(out, MANIFEST_FILE)}: is a directory, not a file (EISDIR)`,
    );
    const file = join(dir, 'plain-file');
    await writeFile(file, 'x');
    await expect(readManifest(file)).rejects.toThrow(
      `cannot read the corpus manifest ${join(file, MANIFEST_FILE)}: a part of the path is not a directory (ENOTDIR)`,
    );
  });
});
