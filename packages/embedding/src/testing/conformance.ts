import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs-core';
import { serialization } from '@tensorflow/tfjs-core';
import { input, layers, loadLayersModel, model, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import { initBackend, sparseSoftmaxCrossEntropyOps, withBackend } from '@ksub/tensor';
import type { TokenEmbedding } from '../token-embedding';

/** A TokenEmbedding that is also a TF.js layer — what every ksub embedding is. */
export type EmbeddingLayer = TokenEmbedding & layers.Layer;

/** Options of {@link describeTokenEmbeddingConformance}. */
export interface EmbeddingConformanceOptions {
  /** Expected parameter count, derived by hand for the factory's configuration. */
  readonly paramCount: number;
}

const flat = async (t: tf.Tensor): Promise<number[]> => Array.from(await t.data());

function idsFor(vocabSize: number): tf.Tensor2D {
  const ids = [0, vocabSize - 1, 1 % vocabSize, 0, Math.floor(vocabSize / 2), vocabSize - 1];
  return tf.tensor2d(ids, [2, 3], 'int32');
}

/**
 * The shared conformance suite of the {@link TokenEmbedding} seam (jest). Every implementation
 * runs it: shapes, embed ≡ rows of outputWeight, parameter count against a hand-derived figure and
 * the trainable weights, gradients reaching every weight, the same values and gradients on the
 * WebAssembly and cpu backends, a config round trip, a TF.js model save and load (the layer class
 * must be registered with `serialization.registerClass`), no leaked tensors, and errors for bad ids.
 *
 * @example
 * ```ts
 * describeTokenEmbeddingConformance('full', () => new FullEmbedding({ vocabSize: 10, dim: 4, seed: 1 }), { paramCount: 40 });
 * ```
 */
export function describeTokenEmbeddingConformance(
  name: string,
  factory: () => EmbeddingLayer,
  options: EmbeddingConformanceOptions,
): void {
  describe(`TokenEmbedding conformance: ${name}`, () => {
    beforeAll(async () => {
      await initBackend({ backend: 'wasm', log: null });
    });

    it('embeds [batch, seq] ids to [batch, seq, d] float32', () => {
      const layer = factory();
      const out = layer.embed(idsFor(layer.vocabSize));
      expect(out.shape).toEqual([2, 3, layer.dim]);
      expect(out.dtype).toBe('float32');
      expect(layer.computeOutputShape([2, 3])).toEqual([2, 3, layer.dim]);
    });

    it('gives each token the row of outputWeight() at its id', async () => {
      const layer = factory();
      const ids = idsFor(layer.vocabSize);
      const expected = tf.gather(layer.outputWeight(), tf.reshape(ids, [-1]));
      expect(layer.outputWeight().shape).toEqual([layer.vocabSize, layer.dim]);
      expect(await flat(layer.embed(ids))).toEqual(await flat(expected));
    });

    it('computes tied-decoder logits equal to h · outputWeight()ᵀ, with the same gradients', async () => {
      const layer = factory();
      const h = tf.randomNormal([4, layer.dim], 0, 1, 'float32', 3);
      const direct = (x: tf.Tensor) => tf.matMul(x, layer.outputWeight(), false, true);
      expect(layer.logits(h).shape).toEqual([4, layer.vocabSize]);
      const a = await flat(layer.logits(h));
      const b = await flat(direct(h));
      a.forEach((v, i) => expect(Math.abs(v - (b[i] as number))).toBeLessThanOrEqual(1e-5));
      const weights = tf.randomNormal([4, layer.vocabSize], 0, 1, 'float32', 4);
      const grads = async (f: (x: tf.Tensor) => tf.Tensor) => {
        const { grads: g } = tf.variableGrads(() => tf.sum(tf.mul(f(h), weights)));
        const dh = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(f(x), weights)))(h);
        return [
          await flat(dh),
          ...(await Promise.all(layer.trainableWeights.map((w) => flat(g[w.name] as tf.Tensor)))),
        ];
      };
      const fast = await grads((x) => layer.logits(x));
      const slow = await grads(direct);
      fast.forEach((g, i) =>
        g.forEach((v, j) =>
          expect(Math.abs(v - ((slow[i] as number[])[j] as number))).toBeLessThanOrEqual(
            1e-4 * Math.max(1, Math.abs(v)),
          ),
        ),
      );
      expect(() => layer.logits(tf.zeros([2, layer.dim + 1]))).toThrow(
        new RegExp(`logits: hidden must have shape \\[n, ${layer.dim}\\]; got \\[2, ${layer.dim + 1}\\]`),
      );
    });

    it('computes crossEntropy equal to the loss of logits + bias, with the same gradients', async () => {
      const layer = factory();
      const n = 5;
      const h = tf.randomNormal([n, layer.dim], 0, 1, 'float32', 5) as tf.Tensor2D;
      const bias = tf.randomNormal([layer.vocabSize], 0, 1, 'float32', 6) as tf.Tensor1D;
      const labels = tf.tensor1d(
        Array.from({ length: n }, (_, i) => (i * 7) % layer.vocabSize),
        'int32',
      );
      layer.logits(h).dispose(); // builds the weights before variableGrads looks for them
      const run = async (f: (x: tf.Tensor, b: tf.Tensor) => tf.Scalar) => {
        const { value, grads: g } = tf.variableGrads(() => f(h, bias));
        const [dh, db] = tf.grads((x: tf.Tensor, b: tf.Tensor) => f(x, b))([h, bias]);
        return [
          await flat(value),
          await flat(dh as tf.Tensor),
          await flat(db as tf.Tensor),
          ...(await Promise.all(layer.trainableWeights.map((w) => flat(g[w.name] as tf.Tensor)))),
        ];
      };
      const fused = await run((x, b) => layer.crossEntropy(x as tf.Tensor2D, b as tf.Tensor1D, labels));
      const plain = await run((x, b) => sparseSoftmaxCrossEntropyOps(tf.add(layer.logits(x), b), labels));
      fused.forEach((g, i) =>
        g.forEach((v, j) =>
          expect(Math.abs(v - ((plain[i] as number[])[j] as number))).toBeLessThanOrEqual(
            1e-5 * Math.max(1, Math.abs(v)),
          ),
        ),
      );
    });

    it('counts its parameters: the hand-derived figure, equal to the trainable weights', () => {
      const layer = factory();
      layer.embed(idsFor(layer.vocabSize));
      const weights = layer.trainableWeights.reduce(
        (s, w) => s + w.shape.reduce<number>((a, b) => a * (b ?? 0), 1),
        0,
      );
      expect(layer.paramCount()).toBe(options.paramCount);
      expect(weights).toBe(options.paramCount);
    });

    it('passes gradients to every trainable weight, the same on wasm as on cpu', async () => {
      const layer = factory();
      const ids = idsFor(layer.vocabSize);
      layer.embed(ids);
      const gradients = async () => {
        const target = tf.randomNormal([layer.vocabSize, layer.dim], 0, 1, 'float32', 7);
        const { grads } = tf.variableGrads(() =>
          tf.add(tf.sum(tf.square(layer.embed(ids))), tf.sum(tf.mul(layer.outputWeight(), target))),
        );
        return Promise.all(layer.trainableWeights.map((w) => flat(grads[w.name] as tf.Tensor)));
      };
      const wasm = await gradients();
      const cpu = await withBackend('cpu', gradients);
      wasm.forEach((g, i) => {
        expect(g.some((v) => v !== 0)).toBe(true);
        const c = cpu[i] as number[];
        g.forEach((v, j) =>
          expect(Math.abs(v - (c[j] as number))).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(v))),
        );
      });
    });

    it('round-trips its config: same class, same config, same output with the same weights', async () => {
      const layer = factory();
      const ids = idsFor(layer.vocabSize);
      const before = await flat(layer.embed(ids));
      const config = layer.getConfig();
      const cls = layer.constructor as serialization.SerializableConstructor<serialization.Serializable>;
      const copy = serialization.SerializationMap.getMap().classNameMap[layer.getClassName()]?.[1](
        cls,
        config,
      );
      expect(copy).toBeInstanceOf(cls);
      const clone = copy as unknown as EmbeddingLayer;
      expect(clone.getConfig()).toEqual(config);
      clone.embed(ids);
      clone.setWeights(layer.getWeights());
      expect(await flat(clone.embed(ids))).toEqual(before);
    });

    it('survives a TF.js model save and load: same config, same weights, same predictions', async () => {
      const layer = factory();
      const className = layer.getClassName();
      if (serialization.SerializationMap.getMap().classNameMap[className] === undefined)
        throw new Error(`${className} is not registered: call serialization.registerClass on it`);
      // ids [batch, 3] → the embedding → a dense head: the layer inside a functional model.
      const ids = idsFor(layer.vocabSize);
      const inputs = input({ shape: [3], dtype: 'int32' });
      const embedded = layer.apply(inputs) as SymbolicTensor;
      const flattened = layers.flatten().apply(embedded) as SymbolicTensor;
      const outputs = layers.dense({ units: 3 }).apply(flattened) as SymbolicTensor;
      const original = model({ inputs, outputs });
      let artifacts: tf.io.ModelArtifacts | undefined;
      await original.save(
        tf.io.withSaveHandler(async (saved) => {
          artifacts = saved;
          return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(saved) };
        }),
      );
      const saved = artifacts as tf.io.ModelArtifacts;
      // model.json is JSON text: the topology goes through it, as when read from a file.
      const modelTopology = JSON.parse(
        JSON.stringify(saved.modelTopology),
      ) as tf.io.ModelArtifacts['modelTopology'];
      const loaded = await loadLayersModel(tf.io.fromMemory({ ...saved, modelTopology }));
      const copy = loaded.getLayer(layer.name);
      expect(copy).toBeInstanceOf(layer.constructor);
      expect(copy.getConfig()).toEqual(layer.getConfig());
      const weights = await Promise.all(layer.getWeights().map(flat));
      expect(await Promise.all(copy.getWeights().map(flat))).toEqual(weights);
      const predict = (m: typeof original) => flat(m.predict(ids) as tf.Tensor);
      const before = await predict(original);
      const after = await predict(loaded);
      expect(after).toHaveLength(before.length);
      after.forEach((v, i) => expect(Math.abs(v - (before[i] as number))).toBeLessThanOrEqual(1e-6));
      original.dispose();
      loaded.dispose();
    });

    it('leaks no tensors over repeated forward, tied-decoder and gradient calls', () => {
      const layer = factory();
      const ids = idsFor(layer.vocabSize);
      layer.embed(ids).dispose();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) {
        tf.tidy(() => {
          const h = tf.reshape(layer.embed(ids), [6, layer.dim]);
          tf.variableGrads(() => tf.sum(tf.matMul(h, layer.outputWeight(), false, true)));
          tf.variableGrads(() => tf.sum(layer.logits(h)));
        });
      }
      expect(tf.memory().numTensors).toBe(before);
    });

    it('rejects float, negative, too-large and wrongly shaped ids, naming the value', () => {
      const layer = factory();
      const n = layer.vocabSize;
      expect(() => layer.embed(tf.tensor2d([[0, 1]], [1, 2], 'float32'))).toThrow(
        /ids must be an int32 tensor.*float32/,
      );
      expect(() => layer.embed(tf.tensor2d([[0, -1]], [1, 2], 'int32'))).toThrow(
        new RegExp(`ids must lie in \\[0, ${n}\\); got -1`),
      );
      expect(() => layer.embed(tf.tensor2d([[n]], [1, 1], 'int32'))).toThrow(new RegExp(`got ${n}$`));
      expect(() => layer.embed(tf.tensor1d([0], 'int32'))).toThrow(
        /ids must have shape \[batch, seq\]; got \[1\]/,
      );
    });
  });
}
