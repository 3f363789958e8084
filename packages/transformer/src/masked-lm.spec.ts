import * as tf from '@tensorflow/tfjs-core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAllocator } from '@ksub/index-mapping';
import { initBackend } from '@ksub/tensor';
import { presetConfig, type TransformerConfig, validateConfig } from './config';
import { positionIds } from './encoder';
import { MaskedLanguageModel } from './masked-lm';
import { ClassificationHead } from './heads';
import { DropoutStream } from './ops/layers';
import { ParameterSet } from './parameters';
import { loadMaskedLm, saveMaskedLm, WEIGHTS_FILE } from './save-load';
import { referenceEncode } from './testing/reference-encode';
import { syntheticBatch } from './testing/synthetic-batch';

const SMALL: TransformerConfig = validateConfig({
  ...presetConfig('tiny'),
  vocabSize: 23,
  hidden: 8,
  layers: 2,
  heads: 2,
  intermediate: 16,
  maxPositions: 12,
});

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

function weightsOf(model: MaskedLanguageModel): Map<string, Float64Array> {
  return new Map(model.params.all().map((p) => [p.name, Float64Array.from(p.variable.dataSync())]));
}

/** Random values in every parameter, so LayerNorm gains and biases are tested too. */
function randomize(model: MaskedLanguageModel, seed: number): void {
  model.params
    .all()
    .forEach((p, i) => p.variable.assign(tf.randomNormal(p.variable.shape, 0, 0.5, 'float32', seed + i)));
}

describe('positionIds', () => {
  it('counts real tokens from padId + 1 and gives padding padId (hand-derived)', () => {
    const ids = positionIds(
      {
        batchSize: 2,
        seqLength: 4,
        inputIds: new Int32Array(8),
        attentionMask: Int32Array.of(1, 1, 1, 0, 1, 0, 0, 0),
      },
      1,
    );
    expect(Array.from(ids)).toEqual([2, 3, 4, 1, 2, 1, 1, 1]);
  });
});

describe('MaskedLanguageModel', () => {
  it('encodes as the float64 reference written from the RoBERTa definition, padding masked', () => {
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 3);
    randomize(model, 10);
    const batch = syntheticBatch([5, 3], 6, SMALL.vocabSize, 1);
    const ours = tf.tidy(() => model.encoder.encode(batch, new DropoutStream(false, 0)).dataSync());
    const reference = referenceEncode(SMALL, weightsOf(model), batch);
    let worst = 0;
    for (let r = 0; r < 12; r++) {
      if (batch.attentionMask[r] === 0) continue; // padded rows are never read
      for (let i = 0; i < SMALL.hidden; i++)
        worst = Math.max(worst, Math.abs((ours[r * 8 + i] as number) - (reference[r * 8 + i] as number)));
    }
    expect(worst).toBeLessThan(1e-4);
    model.dispose();
  });

  it('shows every layer to onLayer: 0 (embeddings) … L, the last equal to the output', () => {
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 5);
    randomize(model, 30);
    const batch = syntheticBatch([5, 3], 6, SMALL.vocabSize, 4);
    const seen: [number, number[], Float32Array][] = [];
    const out = tf.tidy(() =>
      model.encoder
        .encode(batch, new DropoutStream(false, 0), (l, h) =>
          seen.push([l, h.shape, h.dataSync() as Float32Array]),
        )
        .dataSync(),
    );
    expect(seen.map(([l]) => l)).toEqual([0, 1, 2]);
    for (const [, shape] of seen) expect(shape).toEqual([12, SMALL.hidden]);
    expect(Array.from(seen[2]?.[2] ?? [])).toEqual(Array.from(out));
    expect(Array.from(seen[1]?.[2] ?? [])).not.toEqual(Array.from(out));
    model.dispose();
  });

  it('gives real tokens the same states whatever padding follows them', () => {
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 4);
    randomize(model, 20);
    const padded = syntheticBatch([3, 7], 7, SMALL.vocabSize, 2);
    const alone = {
      batchSize: 1,
      seqLength: 3,
      inputIds: padded.inputIds.slice(0, 3),
      attentionMask: padded.attentionMask.slice(0, 3),
    };
    const a = tf.tidy(() =>
      model.encoder
        .encode(padded, new DropoutStream(false, 0))
        .dataSync()
        .slice(0, 3 * 8),
    );
    const b = tf.tidy(() => model.encoder.encode(alone, new DropoutStream(false, 0)).dataSync());
    a.forEach((v, i) => expect(Math.abs(v - (b[i] as number))).toBeLessThan(1e-5));
    model.dispose();
  });

  it('starts near the uniform loss ln N and is reproducible: dropout from the seed', () => {
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 5);
    const batch = syntheticBatch([6, 6, 4], 6, SMALL.vocabSize, 3);
    const loss = (training: boolean, seed: number) =>
      tf.tidy(() => model.loss(batch, { training, seed }).dataSync()[0] as number);
    // init normal(0, 0.02): logits are ~0.02·√d · |h| small, so the softmax is nearly uniform
    expect(Math.abs(loss(false, 0) - Math.log(SMALL.vocabSize))).toBeLessThan(0.05);
    expect(loss(true, 7)).toBe(loss(true, 7));
    expect(loss(true, 7)).not.toBe(loss(true, 8));
    expect(loss(false, 7)).toBe(loss(false, 8));
    model.dispose();
  });

  it('evaluates loss sum, count and accuracy consistently with loss()', () => {
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 6);
    randomize(model, 30);
    const batch = syntheticBatch([6, 5], 6, SMALL.vocabSize, 4);
    const mean = tf.tidy(() => model.loss(batch).dataSync()[0] as number);
    const e = model.evaluate(batch);
    expect(e.count).toBe(batch.labels.length);
    expect(e.lossSum / e.count).toBeCloseTo(mean, 5);
    expect(e.correct).toBeGreaterThanOrEqual(0);
    expect(e.correct).toBeLessThanOrEqual(e.count);
    model.dispose();
  });

  it('leaks no tensors over repeated gradient steps', () => {
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 7);
    const batch = syntheticBatch([6, 6], 6, SMALL.vocabSize, 5);
    const vars = model.params.all().map((p) => p.variable);
    const step = () => {
      const { value, grads } = tf.variableGrads(() => model.loss(batch, { training: true, seed: 1 }), vars);
      tf.dispose([value, ...Object.values(grads)]);
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it.each([
    ['full', { kind: 'full' } as const],
    ['factorized', { kind: 'factorized', rank: 4 } as const],
  ])('counts its parameters as the analytic Table 1 formula (%s)', (_, spec) => {
    const model = MaskedLanguageModel.fromSpec(SMALL, spec, 1);
    expect(model.countParams()).toBe(model.analyticParams().total);
    model.dispose();
  });

  it('counts the paper-medium parameters of Table 1: 51,533,401 full, 25,816,665 with 3-sub', async () => {
    const config = presetConfig('paper-medium');
    const allocation = await getAllocator('radix').allocate({
      numTokens: config.vocabSize,
      numTables: 3,
      dim: config.hidden,
    });
    const ksub = MaskedLanguageModel.fromSpec(config, { kind: 'ksub', allocation }, 1);
    expect(ksub.countParams()).toBe(51533401 - 25735680 + 18944);
    expect(ksub.countParams()).toBe(ksub.analyticParams().total);
    ksub.dispose();
    const full = MaskedLanguageModel.fromSpec(config, { kind: 'full' }, 1);
    expect(full.countParams()).toBe(51533401);
    full.dispose();
  });

  it('saves and loads (full, k-sub, factorized with bias): same loss, and a corrupt weights file is an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksub-model-'));
    try {
      const allocation = await getAllocator('radix').allocate({
        numTokens: SMALL.vocabSize,
        numTables: 2,
        dim: SMALL.hidden,
      });
      for (const spec of [
        { kind: 'full' } as const,
        { kind: 'ksub', allocation } as const,
        { kind: 'factorized', rank: 4, bias: true } as const,
      ]) {
        const model = MaskedLanguageModel.fromSpec(SMALL, spec, 9);
        randomize(model, 40);
        const batch = syntheticBatch([6, 4], 6, SMALL.vocabSize, 6);
        const before = tf.tidy(() => model.loss(batch).dataSync()[0]);
        const path = join(dir, spec.kind);
        await saveMaskedLm(path, model);
        const loaded = await loadMaskedLm(path);
        expect(loaded.spec?.kind).toBe(spec.kind);
        expect(tf.tidy(() => loaded.loss(batch).dataSync()[0])).toBe(before);
        model.dispose();
        loaded.dispose();
      }
      const weights = join(dir, 'full', WEIGHTS_FILE);
      const bytes = readFileSync(weights);
      writeFileSync(weights, bytes.subarray(0, bytes.length - 4));
      await expect(loadMaskedLm(join(dir, 'full'))).rejects.toThrow('checksum differs from config.json');
      // saving over a saved model replaces it; saving over anything else is refused, nothing deleted
      const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 9);
      await saveMaskedLm(join(dir, 'full'), model);
      (await loadMaskedLm(join(dir, 'full'))).dispose();
      const mine = join(dir, 'notes');
      mkdirSync(mine);
      writeFileSync(join(mine, 'notes.txt'), 'mine');
      await expect(saveMaskedLm(mine, model)).rejects.toThrow(
        `saveMaskedLm: ${mine} exists and is not a saved ksub model`,
      );
      expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('mine');
      model.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names bad input', () => {
    expect(() => presetConfig('huge')).toThrow('name must be one of paper-medium, mini, tiny; got "huge"');
    expect(() => validateConfig({ ...SMALL, heads: 3 })).toThrow(
      'hidden (8) must be a multiple of heads (3)',
    );
    expect(() => validateConfig({ ...SMALL, dropout: 1 })).toThrow('dropout must be in [0, 1); got 1');
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 1);
    const long = syntheticBatch([11], 11, SMALL.vocabSize, 1);
    expect(() => tf.tidy(() => model.loss(long))).toThrow('seqLength must be at most 10; got 11');
    model.dispose();
  });
});

describe('ClassificationHead', () => {
  it('scores each sequence from its first token only, with gradients to every head weight', () => {
    const params = new ParameterSet(3);
    const head = new ClassificationHead(SMALL, 3, params);
    const hidden = tf.randomNormal([2 * 4, SMALL.hidden], 0, 1, 'float32', 1) as tf.Tensor2D;
    const scores = head.scores(hidden, 2, 4, new DropoutStream(false, 0));
    expect(scores.shape).toEqual([2, 3]);
    // rows other than each sequence's first do not matter
    const changed = tf.tidy(() => {
      const mask = tf.tensor2d([0, 1, 1, 1, 0, 1, 1, 1], [8, 1]);
      return tf.add(hidden, tf.mul(mask, 5)) as tf.Tensor2D;
    });
    const again = head.scores(changed, 2, 4, new DropoutStream(false, 0));
    expect(Array.from(again.dataSync())).toEqual(Array.from(scores.dataSync()));
    const { grads } = tf.variableGrads(
      () => tf.sum(head.scores(hidden, 2, 4, new DropoutStream(false, 0))),
      params.all().map((p) => p.variable),
    );
    expect(Object.keys(grads)).toHaveLength(4);
    params.dispose();
  });
});
