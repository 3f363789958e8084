import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  acquireLock,
  isDeadProcess,
  LockedError,
  lockBeside,
  lockRunDirectory,
  RUN_LOCK_FILE,
} from './dir-lock';

/** A pid that certainly belongs to no process: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('acquireLock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ksub-lock-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes pid, host and purpose; a second acquisition is refused naming the holder', async () => {
    const path = join(dir, 'x.lock');
    const lock = await acquireLock(path, 'pretrain');
    const onDisk = JSON.parse(await readFile(path, 'utf8'));
    expect(onDisk).toMatchObject({ purpose: 'pretrain', pid: process.pid, host: hostname() });
    const second = acquireLock(path, 'finetune');
    await expect(second).rejects.toThrow(LockedError);
    await expect(acquireLock(path, 'finetune')).rejects.toThrow(
      `${path} is locked by pretrain (pid ${process.pid} on ${hostname()}`,
    );
    await lock.release();
    expect(await readdir(dir)).toEqual([]); // lock and private files gone
    const again = await acquireLock(path, 'finetune');
    await again.release();
  });

  it('takes over a lock whose process is dead, and only that', async () => {
    const path = join(dir, 'x.lock');
    const pid = deadPid();
    expect(isDeadProcess(pid)).toBe(true);
    const stale = {
      purpose: 'pretrain',
      pid,
      host: hostname(),
      started: 'then',
      processStart: null,
      token: 'old',
    };
    await writeFile(path, JSON.stringify(stale));
    const lock = await acquireLock(path, 'pretrain');
    expect(JSON.parse(await readFile(path, 'utf8')).token).toBe(lock.holder.token);
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('treats a reused pid (another process start time) as stale', async () => {
    const path = join(dir, 'x.lock');
    const reused = {
      purpose: 'p',
      pid: process.pid,
      host: hostname(),
      started: 'then',
      processStart: '1',
      token: 't',
    };
    await writeFile(path, JSON.stringify(reused));
    const lock = await acquireLock(path, 'p'); // our pid, but our start time is not tick 1
    await lock.release();
  });

  it('refuses a lock held on another host, and a file that is not a lock', async () => {
    const path = join(dir, 'x.lock');
    const other = {
      purpose: 'pretrain',
      pid: 1,
      host: 'elsewhere',
      started: 'then',
      processStart: null,
      token: 't',
    };
    await writeFile(path, JSON.stringify(other));
    await expect(acquireLock(path, 'p')).rejects.toThrow(/on elsewhere.*another host.*remove the lock file/);
    await writeFile(path, 'my notes');
    await expect(acquireLock(path, 'p')).rejects.toThrow(`lock ${path} exists but is not a ksub lock file`);
    expect(await readFile(path, 'utf8')).toBe('my notes'); // never deleted
  });

  it('is exclusive across processes: a child cannot take a lock this process holds', async () => {
    const path = join(dir, 'x.lock');
    const lock = await acquireLock(path, 'pretrain');
    const script = `require('./dir-lock').acquireLock(${JSON.stringify(path)}, 'child').then(() => process.exit(0), (e) => { process.stderr.write(e.name + ': ' + e.message); process.exit(3); })`;
    const child = spawnSync(
      process.execPath,
      ['--conditions=@ksub/source', '-r', '@swc-node/register', '-e', script],
      {
        cwd: __dirname,
        encoding: 'utf8',
      },
    );
    expect(child.status).toBe(3);
    expect(child.stderr).toContain(`LockedError: ${path} is locked by pretrain (pid ${process.pid}`);
    await lock.release();
  }, 30_000);

  it('release leaves a lock that is no longer ours alone', async () => {
    const path = join(dir, 'x.lock');
    const lock = await acquireLock(path, 'p');
    await rm(path);
    await writeFile(path, 'someone else');
    await lock.release();
    expect(await readFile(path, 'utf8')).toBe('someone else');
  });
});

describe('lockRunDirectory', () => {
  it('creates the directory and locks it with RUN_LOCK_FILE', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ksub-lock-'));
    const run = join(root, 'a', 'run');
    const lock = await lockRunDirectory(run, 'pretrain');
    expect(lock.path).toBe(join(run, RUN_LOCK_FILE));
    await expect(lockRunDirectory(run, 'pretrain')).rejects.toThrow(LockedError);
    await lock.release();
    await rm(root, { recursive: true, force: true });
  });
});

describe('lockBeside', () => {
  it('locks DIR.lock (a trailing slash changes nothing), creating the parent, not DIR', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ksub-lock-'));
    const dir = join(root, 'a', 'corpus');
    const lock = await lockBeside(`${dir}/`, 'corpus:prepare');
    expect(lock.path).toBe(`${dir}.lock`);
    expect(await readdir(join(root, 'a'))).toEqual(['corpus.lock']);
    await expect(lockBeside(dir, 'x')).rejects.toThrow(`${dir}.lock is locked by corpus:prepare`);
    await lock.release();
    await rm(root, { recursive: true, force: true });
  });
});

describe('isDeadProcess', () => {
  it('is false for this process and for nonsense pids', () => {
    expect(isDeadProcess(process.pid)).toBe(false);
    expect(isDeadProcess(0)).toBe(false);
    expect(isDeadProcess(-5)).toBe(false);
  });
});
