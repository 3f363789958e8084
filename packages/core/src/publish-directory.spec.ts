import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishDirectory } from './publish-directory';

describe('publishDirectory', () => {
  let root: string;
  const owns = async (dir: string) => (await readdir(dir)).includes('ours.json');
  const opts = { fn: 'save', what: 'a test directory', owns };
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'ksub-publish-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function staged(content: string): Promise<string> {
    const tmp = join(root, `new.tmp-${content}`);
    await mkdir(tmp);
    await writeFile(join(tmp, 'ours.json'), content);
    return tmp;
  }

  it('moves the new directory into place, replacing one of ours (and an empty one), leaving nothing aside', async () => {
    const dir = join(root, 'out');
    await publishDirectory(await staged('1'), dir, opts);
    await publishDirectory(await staged('2'), dir, opts);
    expect(await readFile(join(dir, 'ours.json'), 'utf8')).toBe('2');
    await rm(dir, { recursive: true });
    await mkdir(dir);
    await publishDirectory(await staged('3'), dir, opts);
    expect(await readFile(join(dir, 'ours.json'), 'utf8')).toBe('3');
    expect((await readdir(root)).sort()).toEqual(['out']);
  });

  it("refuses a directory of the user's files, a file and a link, leaving them and the new one as they are", async () => {
    const dir = join(root, 'mine');
    await mkdir(dir);
    await writeFile(join(dir, 'thesis.tex'), 'years of work');
    const tmp = await staged('1');
    await expect(publishDirectory(tmp, dir, opts)).rejects.toThrow(
      `save: ${dir} exists and is not a test directory (a directory of other files); refusing to replace it`,
    );
    expect(await readFile(join(dir, 'thesis.tex'), 'utf8')).toBe('years of work');
    const file = join(root, 'file');
    await writeFile(file, 'keep');
    await expect(publishDirectory(tmp, file, opts)).rejects.toThrow('(a file)');
    expect(await readFile(file, 'utf8')).toBe('keep');
    const link = join(root, 'link');
    await symlink(tmp, link);
    await expect(publishDirectory(tmp, link, opts)).rejects.toThrow('(a symbolic link)');
    expect(await readFile(join(tmp, 'ours.json'), 'utf8')).toBe('1'); // the caller's to remove
  });

  it('puts back, and refuses, a directory that stops being ours between the look and the move', async () => {
    const dir = join(root, 'out');
    await publishDirectory(await staged('old'), dir, opts);
    let looks = 0;
    const flaky = { ...opts, owns: async () => ++looks === 1 };
    await expect(publishDirectory(await staged('new'), dir, flaky)).rejects.toThrow(
      `save: ${dir} changed while it was being replaced (it is no longer a test directory); put back at ${dir}, nothing was replaced`,
    );
    expect(await readFile(join(dir, 'ours.json'), 'utf8')).toBe('old');
  });

  it('puts the old directory back when the new one cannot be moved in', async () => {
    const dir = join(root, 'out');
    await publishDirectory(await staged('old'), dir, opts);
    const missing = join(root, 'no-such-tmp');
    await expect(publishDirectory(missing, dir, opts)).rejects.toThrow(
      `cannot move ${missing} to ${dir}: does not exist (ENOENT); the old one: put back at ${dir}`,
    );
    expect(await readFile(join(dir, 'ours.json'), 'utf8')).toBe('old');
    expect(await readdir(root)).toEqual(['out']);
  });
});
