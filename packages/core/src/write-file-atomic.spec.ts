import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, writeFileSynced } from './write-file-atomic';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ksub-atomic-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes, replaces, creates parents and leaves no temporary file', async () => {
    const path = join(dir, 'a', 'b', 'f.bin');
    await writeFileAtomic(path, Uint8Array.of(1, 2, 3));
    await writeFileAtomic(path, 'text');
    expect(await readFile(path, 'utf8')).toBe('text');
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['f.bin']);
  });

  it('leaves the old file intact and cleans up when the rename fails', async () => {
    const target = join(dir, 'target');
    await writeFileAtomic(join(target, 'inside'), 'x'); // target is now a non-empty directory
    await expect(writeFileAtomic(target, 'y')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['target']);
  });
});

describe('writeFileSynced', () => {
  it('writes the bytes (and replaces an existing file)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ksub-synced-'));
    const path = join(dir, 'f.bin');
    await writeFileSynced(path, 'old contents');
    await writeFileSynced(path, Uint8Array.of(1, 2, 3));
    expect(Array.from(await readFile(path))).toEqual([1, 2, 3]);
    await rm(dir, { recursive: true, force: true });
  });
});
