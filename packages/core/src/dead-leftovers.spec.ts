import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDeadLeftovers } from './dead-leftovers';

const deadPid = (): number =>
  Number(
    spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
      .stdout,
  );

describe('removeDeadLeftovers', () => {
  it("removes only matching entries of dead writers that accept allows; never a live writer's or our own", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ksub-leftovers-'));
    const dead = deadPid();
    const names = [`a.tmp-${dead}`, `b.tmp-${dead}`, 'c.tmp-1', `d.tmp-${process.pid}`, `notes-${dead}`];
    for (const n of names) await mkdir(join(dir, n));
    const removed = await removeDeadLeftovers(
      dir,
      /\.tmp-(\d+)$/,
      async (path) => !path.endsWith('b.tmp-' + dead),
    );
    expect(removed).toEqual([`a.tmp-${dead}`]);
    expect((await readdir(dir)).sort()).toEqual(names.slice(1).sort());
    expect(await removeDeadLeftovers(join(dir, 'absent'), /(\d+)/)).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  });
});
