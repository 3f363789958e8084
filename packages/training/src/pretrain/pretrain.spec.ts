import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packCorpus, udhrSource } from '@ksub/corpus';
import { getAllocator } from '@ksub/index-mapping';
import { saveAllocation } from '@ksub/index-mapping/node';
import { initBackend } from '@ksub/tensor';
import { getTokenizer } from '@ksub/tokenizers';
import { loadMaskedLm, readSavedModelConfig } from '@ksub/transformer/node';
import { LockedError, RUN_LOCK_FILE } from '@ksub/core/node';
import { CHECKPOINT_DIR, listCheckpoints } from '../checkpoint';
import { readMetrics } from './metrics-log';
import { pretrain } from './pretrain';
import type { PretrainConfig } from './pretrain-config';

let root: string;
let corpus: string;

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
  root = mkdtempSync(join(tmpdir(), 'ksub-pretrain-'));
  corpus = join(root, 'udhr');
  // real text: the UDHR in 15 languages, packed into 64-token sequences for the tiny preset
  const tokenizer = await getTokenizer('roberta-gpt2');
  await packCorpus({
    source: udhrSource(),
    tokenizer,
    outDir: corpus,
    maxLength: 64,
    validationFraction: 0.1,
    progress: false,
  });
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const config = (outDir: string, steps: number): PretrainConfig => ({
  model: 'tiny',
  embedding: { kind: 'full' },
  corpus,
  outDir,
  seed: 3,
  batchSize: 4,
  steps,
  peakLr: 1e-2,
  warmupSteps: 2,
  logEvery: 1,
  evalEvery: 4,
  evalSequences: 8,
  checkpointEvery: 4,
});

/** Runs a pretraining from a config file in a child process (a second, independent run). */
function spawnPretraining(file: string) {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@ksub/source',
      '-r',
      '@swc-node/register',
      resolve(__dirname, '../testing/pretrain-child.ts'),
      file,
    ],
    { cwd: resolve(__dirname, '../../../..'), stdio: 'ignore' },
  );
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, exited };
}

/** Metrics without the timing fields, which differ between runs by nature. */
async function comparable(outDir: string) {
  return (await readMetrics(join(outDir, 'metrics.jsonl'))).map(
    ({ tokensPerSecond: _t, elapsedSeconds: _e, ...rest }) => rest,
  );
}

async function weights(outDir: string): Promise<Map<string, Float32Array>> {
  const model = await loadMaskedLm(join(outDir, 'model'));
  const out = new Map(model.params.all().map((p) => [p.name, p.variable.dataSync() as Float32Array]));
  model.dispose();
  return out;
}

function expectSameWeights(a: Map<string, Float32Array>, b: Map<string, Float32Array>): void {
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [name, values] of a) {
    const other = b.get(name) as Float32Array;
    let worst = 0;
    values.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (other[i] as number)))));
    expect({ name, worst }).toEqual({ name, worst: expect.any(Number) });
    expect(worst).toBeLessThanOrEqual(1e-6);
  }
}

describe('pretrain (tiny, on the UDHR)', () => {
  let reference: string;

  beforeAll(async () => {
    reference = join(root, 'reference');
    await pretrain(config(reference, 12), { progress: false, log: () => undefined });
  }, 120_000);

  it('lowers the training loss and writes validation metrics, checkpoints and the model', async () => {
    const records = await readMetrics(join(reference, 'metrics.jsonl'));
    const train = records.filter((r) => r.type === 'train').map((r) => r.loss as number);
    expect(train).toHaveLength(12);
    expect(train[0]).toBeGreaterThan(Math.log(50265) - 0.2); // starts at the uniform loss
    expect(train.slice(-3).reduce((a, b) => a + b) / 3).toBeLessThan((train[0] as number) - 1);
    const validation = records.filter((r) => r.type === 'validation');
    expect(validation.map((r) => r.step)).toEqual([4, 8, 12]);
    for (const v of validation) expect(v.perplexity).toBeCloseTo(Math.exp(v.loss as number), 6);
    expect((await listCheckpoints(reference)).map((c) => c.step)).toEqual([4, 8, 12]);
    expect(existsSync(join(reference, 'model', 'weights.bin'))).toBe(true);
    expect((await readSavedModelConfig(join(reference, 'model'))).tokenizer).toBe('roberta-gpt2');
  });

  it('stopped after a checkpoint and resumed, ends with the same weights and metrics', async () => {
    const out = join(root, 'stopped');
    const first = await pretrain(config(out, 12), { progress: false, stopAfter: 6, log: () => undefined });
    expect(first.step).toBe(6); // metrics now run past the step-4 checkpoint; resume cuts them back
    const second = await pretrain(config(out, 12), { resume: true, progress: false, log: () => undefined });
    expect(second.resumedFrom).toBe(4);
    expect(await comparable(out)).toEqual(await comparable(reference));
    expectSameWeights(await weights(out), await weights(reference));
  }, 120_000);

  it('killed with SIGKILL mid-training and resumed, ends like the uninterrupted run', async () => {
    const out = join(root, 'killed');
    const file = join(root, 'killed.json');
    writeFileSync(file, JSON.stringify(config(out, 12)));
    const { child, exited } = spawnPretraining(file);
    // kill as soon as the step-4 checkpoint is complete (renamed into place)
    const target = join(out, CHECKPOINT_DIR, 'step-000000004');
    while (!existsSync(target) && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await exited;
    const left = await listCheckpoints(out);
    expect(left.length).toBeGreaterThan(0);
    expect(left.at(-1)?.step).toBeLessThan(12); // it really died mid-run
    await pretrain(config(out, 12), { resume: true, progress: false, log: () => undefined });
    expect(await comparable(out)).toEqual(await comparable(reference));
    expectSameWeights(await weights(out), await weights(reference));
  }, 120_000);

  it('trains k-sub (from an allocation file) and factorized embeddings too', async () => {
    const allocationFile = join(root, 'ksub.alloc');
    await saveAllocation(
      allocationFile,
      await getAllocator('scattered').allocate({ numTokens: 50265, numTables: 3, dim: 32, seed: 1 }),
    );
    for (const embedding of [
      { kind: 'ksub', allocationFile } as const,
      { kind: 'factorized', rank: 8 } as const,
    ]) {
      const out = join(root, `kind-${embedding.kind}`);
      const result = await pretrain(
        { ...config(out, 4), embedding },
        { progress: false, log: () => undefined },
      );
      expect(result.step).toBe(4);
      const train = (await readMetrics(join(out, 'metrics.jsonl'))).filter((r) => r.type === 'train');
      expect(train.every((r) => Number.isFinite(r.loss))).toBe(true);
      const loaded = await loadMaskedLm(join(out, 'model'));
      expect(loaded.embedding.kind).toBe(embedding.kind);
      expect(loaded.countParams()).toBe(result.parameters);
      loaded.dispose();
    }
  }, 120_000);

  it('refuses to overwrite checkpoints without resume, and a corrupt checkpoint is an error', async () => {
    await expect(pretrain(config(reference, 12), { progress: false, log: () => undefined })).rejects.toThrow(
      'already has checkpoints (newest: step 12); pass resume or choose another outDir',
    );
    const out = join(root, 'corrupt');
    await pretrain(config(out, 12), { progress: false, stopAfter: 4, log: () => undefined });
    const [ckpt] = await listCheckpoints(out);
    writeFileSync(join(ckpt?.path as string, 'optimizer.bin'), 'garbage');
    await expect(
      pretrain(config(out, 12), { resume: true, progress: false, log: () => undefined }),
    ).rejects.toThrow('optimizer.bin has 7 bytes');
  }, 120_000);

  it("a second run into a running run's directory fails at once naming the holder; the first is intact", async () => {
    const out = join(root, 'shared-dir');
    const file = join(root, 'shared-dir.json');
    writeFileSync(file, JSON.stringify(config(out, 12)));
    const { child, exited } = spawnPretraining(file);
    const lockFile = join(out, RUN_LOCK_FILE);
    while (!existsSync(lockFile) && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    const second = pretrain(config(out, 12), { resume: true, progress: false, log: () => undefined });
    await expect(second).rejects.toThrow(LockedError);
    await expect(
      pretrain({ ...config(out, 12), seed: 4 }, { progress: false, log: () => undefined }),
    ).rejects.toThrow(`${lockFile} is locked by pretrain (pid ${child.pid}`);
    expect(performance.now() - started).toBeLessThan(5_000); // at once, not after loading the corpus
    expect(await exited).toBe(0);
    expect(existsSync(lockFile)).toBe(false); // released by the first run
    expect(await comparable(out)).toEqual(await comparable(reference));
    expectSameWeights(await weights(out), await weights(reference));
  }, 120_000);

  it('resume removes the unfinished checkpoint a dead writer left (a full disk), and only that', async () => {
    const out = join(root, 'orphan');
    await pretrain(config(out, 12), { progress: false, stopAfter: 4, log: () => undefined });
    const ckpts = join(out, CHECKPOINT_DIR);
    mkdirSync(join(ckpts, 'step-000000008.tmp-999999')); // the writer died mid-write
    writeFileSync(join(ckpts, 'step-000000008.tmp-999999', 'model.bin'), 'partial');
    const lines: string[] = [];
    const result = await pretrain(config(out, 12), {
      resume: true,
      progress: false,
      log: (l) => lines.push(l),
    });
    expect(result.resumedFrom).toBe(4);
    expect(lines).toContain(
      'pretrain: removed step-000000008.tmp-999999, an unfinished checkpoint of a run that died',
    );
    expect(readdirSync(ckpts).filter((e) => e.includes('.tmp-'))).toEqual([]);
    expect(await comparable(out)).toEqual(await comparable(reference));
  }, 120_000);

  it('rejects unknown keys and non-integer counts in the config, naming them', async () => {
    const out = join(root, 'bad-config');
    await expect(
      pretrain({ ...config(out, 12), stepz: 5 } as unknown as PretrainConfig, { progress: false }),
    ).rejects.toThrow('PretrainConfig: unknown key "stepz"');
    await expect(pretrain({ ...config(out, 12), batchSize: 2.5 }, { progress: false })).rejects.toThrow(
      /PretrainConfig: batchSize: .*; got 2\.5/,
    );
    await expect(
      pretrain(
        { ...config(out, 12), embedding: { kind: 'factorized', rank: 4, rnk: 3 } as never },
        { progress: false },
      ),
    ).rejects.toThrow('PretrainConfig: unknown key "rnk" in embedding');
    expect(existsSync(out)).toBe(false); // nothing written
  });
});
