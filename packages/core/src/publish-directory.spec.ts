import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

  it("refuses a directory of the user's files and a plain file, leaving them byte for byte", async () => {
    const dir = join(root, 'mine');
    await mkdir(dir);
    await writeFile(join(dir, 'thesis.tex'), 'years of work');
    await expect(publishDirectory(await staged('1'), dir, opts)).rejects.toThrow(
      `save: ${dir} exists and is not a test directory (a directory of other files); refusing to replace it`,
    );
    expect(await readFile(join(dir, 'thesis.tex'), 'utf8')).toBe('years of work');
    const file = join(root, 'file');
    await writeFile(file, 'keep');
    await expect(publishDirectory(await staged('2'), file, opts)).rejects.toThrow('(a file)');
    expect(await readFile(file, 'utf8')).toBe('keep');
    expect((await readdir(root)).sort()).toEqual(['file', 'mine']); // staged copies cleaned up
  });
});
