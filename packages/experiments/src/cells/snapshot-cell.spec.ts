import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import {
  checkpointDir,
  checkpointJson,
  PretrainConfigSchema,
  pretrainConfigHash,
  readCheckpoint,
  resolvePretrainConfig,
} from '@ksub/training';
import { loadMaskedLm } from '@ksub/transformer/node';
import { tinyConfig, tinyCorpus } from '../fault-drill/tiny-inputs';
import { captureStdout, useTempDir } from '../testing/temp-dir';
import { verifyKeptModel } from './keep-model';
import { pretrainCell } from './pretrain-cell';
import { snapshotCell, SnapshotArgsSchema, type SnapshotRecord } from './snapshot-cell';

describe('the snapshot cell (a learning-curve model from a run checkpoint)', () => {
  const dir = useTempDir('snapshot-cell');
  /** 4 tiny updates, a checkpoint after 2 and 4, both kept. */
  const config = (corpus: string) =>
    PretrainConfigSchema.parse({
      ...tinyConfig(corpus, join(dir.path, 'run'), 4),
      checkpointEvery: 2,
      keepCheckpoints: 2,
    });
  const context = (out: string) => ({ preset: 'test', outputs: [out], resume: true, source: 'spec' });

  let pretrain: ReturnType<typeof config>;
  beforeAll(async () => {
    pretrain = config(await tinyCorpus(dir.path));
    await captureStdout(() => pretrainCell.run(pretrain, context(pretrain.outDir)));
  }, 120_000);

  /** Every parameter of a checkpoint's float32 weights, by name. */
  async function checkpointWeights(step: number): Promise<Map<string, Float32Array>> {
    const path = checkpointDir(pretrain.outDir, step);
    const { files } = await readCheckpoint(path);
    const bin = files.get('model.bin') as Uint8Array;
    const tensors = tf.io.decodeWeights(
      bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer,
      checkpointJson<tf.io.WeightsManifestEntry[]>(path, files, 'model.json'),
    );
    const out = new Map(Object.entries(tensors).map(([name, t]) => [name, t.dataSync() as Float32Array]));
    tf.dispose(Object.values(tensors));
    return out;
  }

  it("keeps the checkpoint's weights to float16 precision, in the kept-model format, with a record of where they came from", async () => {
    const out = join(dir.path, 'results', 'models', 'curve-full-u2');
    const record = join(dir.path, 'results', 'curves', 'snapshots', 'curve-full-u2.json');
    const args = SnapshotArgsSchema.parse({ pretrain, step: 2, out, record });
    const { result, stdout } = await captureStdout(() => snapshotCell.run(args, context(record)));
    expect(result).toBe(true);
    expect(stdout).toMatch(
      /^snapshot: step 2 of .*step-000000002 \(backend \w+\) → .*curve-full-u2 \(float16, [\d.]+ MiB\)\n$/,
    );
    await verifyKeptModel(out);
    const kept = await loadMaskedLm(out);
    const [at2, at4] = [await checkpointWeights(2), await checkpointWeights(4)];
    let outside = 0;
    let values = 0;
    let differsFrom4 = false;
    for (const p of kept.params.all()) {
      const y = p.variable.dataSync() as Float32Array;
      const x = at2.get(p.name) as Float32Array;
      const later = at4.get(p.name) as Float32Array;
      expect(y.length).toBe(x.length);
      for (let i = 0; i < x.length; i++) {
        const a = x[i] as number;
        if (Math.abs((y[i] as number) - a) > Math.abs(a) * 2 ** -11 + 2 ** -24) outside++;
        if (Math.abs((later[i] as number) - a) > Math.abs(a) * 2 ** -10 + 2 ** -23) differsFrom4 = true;
      }
      values += x.length;
    }
    kept.dispose();
    expect(values).toBe(1_681_209); // every parameter of the tiny model
    expect(outside).toBe(0);
    expect(differsFrom4).toBe(true); // update 2's weights, not the final ones
    const written = JSON.parse(readFileSync(record, 'utf8')) as SnapshotRecord;
    const manifest = JSON.parse(
      readFileSync(join(checkpointDir(pretrain.outDir, 2), 'manifest.json'), 'utf8'),
    ) as {
      files: { name: string; sha256: string }[];
    };
    expect(written).toEqual({
      format: 'ksub-curve-snapshot',
      step: 2,
      checkpoint: checkpointDir(pretrain.outDir, 2),
      configSha256: pretrainConfigHash(resolvePretrainConfig(pretrain)),
      checkpointWeightsSha256: manifest.files.find((f) => f.name === 'model.bin')?.sha256,
      model: out,
      bytes: expect.any(Number),
    });
  }, 120_000);

  it('refuses a step without a checkpoint, naming the path, the step and the steps there are', async () => {
    const args = SnapshotArgsSchema.parse({
      pretrain,
      step: 6,
      out: join(dir.path, 'x'),
      record: join(dir.path, 'x.json'),
    });
    const path = checkpointDir(pretrain.outDir, 6);
    await expect(snapshotCell.run(args, context(args.record))).rejects.toThrow(
      `snapshot: the checkpoint of step 6 must exist at ${path}; got none (the run's checkpoints: 2, 4).`,
    );
  });

  it('refuses a checkpoint written by a run of another config', async () => {
    const other = { ...pretrain, seed: 4 };
    const args = SnapshotArgsSchema.parse({
      pretrain: other,
      step: 4,
      out: join(dir.path, 'y'),
      record: join(dir.path, 'y.json'),
    });
    await expect(snapshotCell.run(args, context(args.record))).rejects.toThrow(
      `pretrain: checkpoint ${checkpointDir(pretrain.outDir, 4)} was written by a run with another config (config hash ${pretrainConfigHash(resolvePretrainConfig(pretrain))}; expected ${pretrainConfigHash(resolvePretrainConfig(other))})`,
    );
  });

  it('the dry run finds a step past the run, off its checkpoints, or dropped before it ends', () => {
    const problems = (step: number, keepCheckpoints = 2) =>
      snapshotCell.check?.(
        SnapshotArgsSchema.parse({ pretrain: { ...pretrain, keepCheckpoints }, step, out: 'o', record: 'r' }),
      );
    expect(problems(2)).toEqual([]);
    expect(problems(6)).toEqual(["step 6 is past the run's 4 steps"]);
    expect(problems(3)).toEqual(['step 3 is not checkpointed (checkpointEvery 2)']);
    expect(problems(2, 1)).toEqual([
      "step 2's checkpoint is dropped before the run ends (keepCheckpoints 1; 2 are written from it on)",
    ]);
  });
});
