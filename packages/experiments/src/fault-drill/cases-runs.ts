import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RUN_LOCK_FILE } from '@ksub/core/node';
import { CHECKPOINT_DIR, listCheckpoints } from '@ksub/training';
import { type DrillCase, expectCliError, lastLine, REPO_ROOT, runCli } from './drill-case';
import { tinyConfig, tinyCorpus } from './tiny-inputs';

const PRETRAIN_CLI = 'packages/experiments/src/cli/pretrain.ts';

async function writeConfig(dir: string, name: string, config: unknown): Promise<string> {
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(config));
  return file;
}

const lines = (text: string) => text.split('\n').filter((l) => l.length > 0).length;

const concurrentPretrainings: DrillCase = {
  id: 'pretrain-two-runs-one-dir',
  defect: 2,
  action: 'start a pretraining, then a second one (other seed) into the same --out while the first runs',
  expected:
    'the second exits 1 at once naming the lock holder (pid, host); the first finishes with intact metrics and checkpoints',
  async run(dir) {
    const corpus = await tinyCorpus(dir);
    const out = join(dir, 'run');
    const first = await writeConfig(dir, 'first', tinyConfig(corpus, out, 16));
    const second = await writeConfig(dir, 'second', { ...tinyConfig(corpus, out, 16), seed: 9 });
    const child = spawn(
      process.execPath,
      [
        '--conditions=@ksub/source',
        '-r',
        '@swc-node/register',
        join(REPO_ROOT, PRETRAIN_CLI),
        '--config',
        first,
      ],
      { cwd: REPO_ROOT, stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    while (!existsSync(join(out, RUN_LOCK_FILE)) && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 20));
    const refused = runCli(PRETRAIN_CLI, ['--config', second]);
    const code = await exited;
    const metrics = await readFile(join(out, 'metrics.jsonl'), 'utf8');
    const steps = (await listCheckpoints(out)).map((c) => c.step);
    // 16 steps: 8 training records (every 2) and 4 validations (every 4)
    const ok =
      refused.status === 1 &&
      refused.stderr.includes(`is locked by pretrain (pid ${child.pid}`) &&
      refused.seconds < 30 &&
      code === 0 &&
      lines(metrics) === 12 &&
      steps.join() === '16' &&
      !existsSync(join(out, RUN_LOCK_FILE));
    return {
      ok,
      observed: `second run: exit ${refused.status} after ${refused.seconds.toFixed(1)} s, "${lastLine(refused.stderr)}"; first run: exit ${code}, ${lines(metrics)} metrics records, checkpoints [${steps.join(', ')}]`,
    };
  },
};

const unknownConfigKey: DrillCase = {
  id: 'pretrain-config-unknown-key',
  defect: 7,
  action: 'pretrain with a config holding "stepz": 5 and "batchSize": 2.5',
  expected: 'exit 1 before anything is written, naming the unknown key and the non-integer value',
  async run(dir) {
    const out = join(dir, 'run');
    const config = { ...tinyConfig(join(dir, 'none'), out, 4), stepz: 5, batchSize: 2.5 };
    const r = runCli(PRETRAIN_CLI, ['--config', await writeConfig(dir, 'bad', config)]);
    return expectCliError(r, ['unknown key "stepz"', /batchSize: .*got 2\.5/], { also: !existsSync(out) });
  },
};

const configIsDirectory: DrillCase = {
  id: 'pretrain-config-is-directory',
  defect: 8,
  action: 'pretrain --config DIR where DIR is a directory',
  expected: 'exit 1 with "cannot read the --config file DIR: is a directory, not a file (EISDIR)"',
  async run(dir) {
    const r = runCli(PRETRAIN_CLI, ['--config', dir]);
    return expectCliError(r, [`cannot read the --config file ${dir}: is a directory`]);
  },
};

const missingState: DrillCase = {
  id: 'resume-checkpoint-without-state',
  defect: 8,
  action: 'resume a run whose newest checkpoint lost state.json (and whose manifest no longer lists it)',
  expected: 'exit 1 with a FormatError naming the checkpoint and state.json',
  async run(dir) {
    const corpus = await tinyCorpus(dir);
    const out = join(dir, 'run');
    const config = await writeConfig(dir, 'c', tinyConfig(corpus, out, 4));
    runCli(PRETRAIN_CLI, ['--config', config]);
    const [ckpt] = await listCheckpoints(out);
    if (ckpt === undefined) return { ok: false, observed: 'the first run wrote no checkpoint' };
    await rm(join(ckpt.path, 'state.json'));
    const manifestPath = join(ckpt.path, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { files: { name: string }[] };
    manifest.files = manifest.files.filter((f) => f.name !== 'state.json');
    await writeFile(manifestPath, JSON.stringify(manifest));
    const r = runCli(PRETRAIN_CLI, ['--config', config, '--resume']);
    return expectCliError(r, [`checkpoint ${ckpt.path}: state.json is missing`]);
  },
};

function tryMount(target: string, bytes: number): boolean {
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', target], { stdio: 'ignore' });
  return r.status === 0;
}

const dirBytes = (path: string): number =>
  readdirSync(path).reduce((sum, name) => sum + statSync(join(path, name)).size, 0);

const fullDisk: DrillCase = {
  id: 'pretrain-disk-full-then-resume',
  defect: 9,
  action:
    'pretrain onto a small file system (tmpfs) that fills up during the second checkpoint; free the space the user had used; resume',
  expected:
    "the full disk is an error naming the file; resume removes the dead writer's unfinished checkpoint and completes (needs root to mount a tmpfs; otherwise reported as not run)",
  async run(dir) {
    const corpus = await tinyCorpus(dir);
    // measure one checkpoint of this run off the small disk
    const probe = join(dir, 'probe');
    runCli(PRETRAIN_CLI, [
      '--config',
      await writeConfig(dir, 'probe', tinyConfig(corpus, probe, 8)),
      '--steps',
      '4',
    ]);
    const [first] = await listCheckpoints(probe);
    if (first === undefined) return { ok: false, observed: 'the probe run wrote no checkpoint' };
    const c = dirBytes(first.path);
    // sizes (c = one checkpoint): disk 2.2c, the user's other file 0.5c. The first checkpoint fits
    // (1.5c), the second does not (2.5c) and leaves a partial one behind (≈0.7c). After the user
    // frees 0.5c, resuming needs 2c: it fits only if the partial checkpoint is removed first.
    const disk = join(dir, 'disk');
    await mkdir(disk);
    if (!tryMount(disk, Math.round(2.2 * c)))
      return {
        ok: true,
        observed: 'not run: mounting a tmpfs needs root (the spec removeDeadWriters covers the logic)',
      };
    try {
      const ballast = join(disk, 'users-other-file.bin');
      await writeFile(ballast, new Uint8Array(Math.round(0.5 * c)));
      const out = join(disk, 'run');
      const config = await writeConfig(dir, 'full', tinyConfig(corpus, out, 12));
      const failed = runCli(PRETRAIN_CLI, ['--config', config]);
      const error = lastLine(failed.stderr);
      const orphans = readdirSync(join(out, CHECKPOINT_DIR)).filter((e) => e.includes('.tmp-'));
      await rm(ballast);
      const resumed = runCli(PRETRAIN_CLI, ['--config', config, '--resume']);
      const left = readdirSync(join(out, CHECKPOINT_DIR));
      const ok =
        failed.status === 1 &&
        /cannot write .*: no space left on the device \(ENOSPC\)/.test(error) &&
        orphans.length === 1 &&
        resumed.status === 0 &&
        left.join() === 'step-000000012' &&
        existsSync(join(out, 'model', 'weights.bin'));
      return {
        ok,
        observed: `checkpoint ${c} bytes; first run: exit ${failed.status}, "${error}", left ${orphans.join(', ')}; resume: exit ${resumed.status}, checkpoints now [${left.join(', ')}]`,
      };
    } finally {
      spawnSync('umount', [disk], { stdio: 'ignore' });
    }
  },
};

const variantWithRadix: DrillCase = {
  id: 'allocate-unused-flag',
  defect: 7,
  action: 'allocate --method radix --variant equal (a flag radix does not read)',
  expected: 'exit 1 naming --variant and the method, and no allocation file written',
  async run(dir) {
    const out = join(dir, 'x.alloc');
    const r = runCli('packages/experiments/src/cli/allocate.ts', [
      '--method',
      'radix',
      '--variant',
      'equal',
      '--k',
      '3',
      '--out',
      out,
    ]);
    return expectCliError(r, ['--variant does not apply to method radix'], { also: !existsSync(out) });
  },
};

/** Fault-drill cases for run directories: locks, checkpoints, configs, full disks, CLI flags. */
export const runCases: readonly DrillCase[] = [
  concurrentPretrainings,
  fullDisk,
  unknownConfigKey,
  configIsDirectory,
  missingState,
  variantWithRadix,
];
