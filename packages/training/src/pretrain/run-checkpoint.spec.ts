import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { FormatError } from '@ksub/core';
import { initBackend } from '@ksub/tensor';
import { MaskedLanguageModel, type MlmInput, presetConfig } from '@ksub/transformer';
import { AdamW } from '../adamw';
import { readCheckpoint, writeCheckpoint } from '../checkpoint';
import {
  loadRunCheckpoint,
  loadRunWeights,
  RUN_CHECKPOINT_FILES,
  type RunState,
  saveRunCheckpoint,
} from './run-checkpoint';
import { mlmLoss, trainStep } from './train-step';

// 23 tokens, d = 8, one layer: small enough that every value can be compared exactly
const CONFIG = presetConfig('tiny', { vocabSize: 23, hidden: 8, layers: 1, heads: 2, intermediate: 16 });

// two sequences of 5 and 3 real tokens (pad id 1), two positions masked
const BATCH: MlmInput = {
  batchSize: 2,
  seqLength: 5,
  inputIds: Int32Array.of(0, 7, 4, 9, 2, 0, 11, 2, 1, 1),
  attentionMask: Int32Array.of(1, 1, 1, 1, 1, 1, 1, 1, 0, 0),
  maskedPositions: Int32Array.of(2, 6),
  labels: Int32Array.of(4, 11),
};

const STATE: RunState = {
  step: 2,
  samplesSeen: 4,
  epoch: 0,
  metricsLines: 3,
  configSha256: 'c0ffee',
  nextCollatorSeed: 17,
  nextDropoutSeed: 19,
};

interface Run {
  model: MaskedLanguageModel;
  optimizer: AdamW;
}

function newRun(seed: number): Run {
  const model = MaskedLanguageModel.fromSpec(CONFIG, { kind: 'full' }, seed);
  return { model, optimizer: new AdamW(model.params.all()) };
}

const step = (run: Run, seed: number) =>
  trainStep(mlmLoss(run.model, BATCH, seed), run.optimizer, { lr: 1e-2, clipNorm: 1 });

const values = (tensors: readonly tf.Tensor[]) => tensors.map((t) => Array.from(t.dataSync()));
const weights = (run: Run) => values(run.model.params.all().map((p) => p.variable));
const moments = (run: Run) => values(run.optimizer.stateTensors().map((s) => s.tensor));
const parts = (run: Run) => ({ params: run.model.params, optimizer: run.optimizer });
const dispose = (run: Run) => {
  run.optimizer.dispose();
  run.model.dispose();
};

let dir: string;
beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ksub-run-ckpt-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('saveRunCheckpoint / loadRunCheckpoint', () => {
  it('round-trips weights, moments, optimizer step and state exactly; training then continues alike', async () => {
    const original = newRun(1);
    await step(original, 5);
    await step(original, 6);
    const path = await saveRunCheckpoint(dir, parts(original), STATE, 3);
    const { manifest } = await readCheckpoint(path);
    expect(manifest.files.map((f) => f.name)).toEqual([...RUN_CHECKPOINT_FILES]);

    const restored = newRun(7); // other initial weights: everything must come from the files
    const before = tf.memory().numTensors;
    expect(await loadRunCheckpoint(path, parts(restored), STATE.configSha256)).toEqual(STATE);
    expect(tf.memory().numTensors).toBe(before); // decoded tensors released
    expect(restored.optimizer.step).toBe(2);
    expect(weights(restored)).toEqual(weights(original));
    expect(moments(restored)).toEqual(moments(original));

    const next = [await step(original, 8), await step(restored, 8)];
    expect(next[1]).toEqual(next[0]);
    expect(weights(restored)).toEqual(weights(original));
    dispose(original);
    dispose(restored);
  });

  it('loads only the weights (a snapshot): equal to the saved ones, the checksum its manifest lists', async () => {
    const original = newRun(1);
    await step(original, 5);
    const path = await saveRunCheckpoint(dir, parts(original), { ...STATE, step: 3 }, 3);
    const other = newRun(7);
    const { state, weightsSha256 } = await loadRunWeights(path, other.model.params, STATE.configSha256);
    expect(state).toEqual({ ...STATE, step: 3 });
    expect(weights(other)).toEqual(weights(original));
    const { manifest } = await readCheckpoint(path, ['model.bin']);
    expect(weightsSha256).toBe(manifest.files.find((f) => f.name === 'model.bin')?.sha256);
    expect(weightsSha256).toMatch(/^[0-9a-f]{64}$/);
    // its optimizer is not touched
    expect(other.optimizer.step).toBe(0);
    await expect(loadRunWeights(path, other.model.params, 'another-hash')).rejects.toThrow(
      `pretrain: checkpoint ${path} was written by a run with another config (config hash c0ffee; expected another-hash)`,
    );
    dispose(original);
    dispose(other);
  });

  it("refuses another config's checkpoint before assigning anything", async () => {
    const original = newRun(1);
    await step(original, 5);
    const path = await saveRunCheckpoint(dir, parts(original), { ...STATE, step: 1 }, 3);
    const other = newRun(7);
    const untouched = weights(other);
    const load = loadRunCheckpoint(path, parts(other), 'another-hash');
    await expect(load).rejects.toThrow(FormatError);
    await expect(load).rejects.toThrow(
      `pretrain: checkpoint ${path} was written by a run with another config`,
    );
    expect(weights(other)).toEqual(untouched);
    expect(other.optimizer.step).toBe(0);
    dispose(original);
    dispose(other);
  });

  it('names a file the checkpoint lacks', async () => {
    const run = newRun(1);
    const path = await writeCheckpoint(dir, 1, [{ name: 'model.bin', data: Uint8Array.of(0) }], 1);
    await expect(loadRunCheckpoint(path, parts(run), STATE.configSha256)).rejects.toThrow(
      `checkpoint ${path}: model.json is missing (its manifest does not list it)`,
    );
    dispose(run);
  });
});
