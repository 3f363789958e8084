import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStagingDir, STAGING_MARKER, sweepStagingDirs, unmarkStagingDir } from './staging-dir';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-staging-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The pid of a process that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid as number;

async function leftover(name: string, marker?: object): Promise<string> {
  const path = join(dir, name);
  await mkdir(path);
  await writeFile(join(path, 'train-00000.bin'), 'shard');
  if (marker !== undefined) await writeFile(join(path, STAGING_MARKER), JSON.stringify(marker));
  return path;
}

describe('staging directories', () => {
  it('creates a fresh marked directory beside the output each time', async () => {
    const out = join(dir, 'en');
    const a = await createStagingDir(out);
    const b = await createStagingDir(out);
    expect(a).not.toBe(b);
    expect(a).toMatch(new RegExp(`^${out}\\.tmp-${process.pid}-[0-9a-f]{8}$`));
    expect(JSON.parse(await readFile(join(a, STAGING_MARKER), 'utf8'))).toEqual({
      pid: process.pid,
      host: hostname(),
    });
    await unmarkStagingDir(a);
    expect(await readdir(a)).toEqual([]);
  });

  it("removes only marked leftovers of dead processes on this host, never a user's or a live one's", async () => {
    const out = join(dir, 'en');
    const dead = deadPid();
    const crashed = await leftover(`en.tmp-${dead}-0123abcd`, { pid: dead, host: hostname() });
    await leftover(`en.tmp-${dead}-0123abce`); // no marker: a user's directory
    await leftover(`en.tmp-${dead}`); // the old naming, no marker
    await leftover(`en.tmp-${dead}-0123abcf`, { pid: dead, host: 'elsewhere' });
    await leftover(`en.tmp-${dead}-0123abd0`, { pid: dead + 1, host: hostname() });
    await leftover(`en.tmp-${process.ppid}-0123abd1`, { pid: process.ppid, host: hostname() }); // alive
    await leftover(`fr.tmp-${dead}-0123abd2`, { pid: dead, host: hostname() }); // another corpus
    await writeFile(join(dir, `en.tmp-${dead}-0123abd3`), 'a file');
    expect(await sweepStagingDirs(out)).toEqual([crashed]);
    expect((await readdir(dir)).sort()).toEqual(
      [
        `en.tmp-${dead}-0123abce`,
        `en.tmp-${dead}`,
        `en.tmp-${dead}-0123abcf`,
        `en.tmp-${dead}-0123abd0`,
        `en.tmp-${process.ppid}-0123abd1`,
        `fr.tmp-${dead}-0123abd2`,
        `en.tmp-${dead}-0123abd3`,
      ].sort(),
    );
  });

  it('treats regular-expression characters in the name literally', async () => {
    const dead = deadPid();
    await leftover(`a+b.tmp-${dead}-0123abcd`, { pid: dead, host: hostname() });
    expect(await sweepStagingDirs(join(dir, 'a.b'))).toEqual([]);
    expect(await sweepStagingDirs(join(dir, 'a+b'))).toHaveLength(1);
  });
});
