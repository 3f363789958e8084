import * as tf from '@tensorflow/tfjs-core';
import { FactorizedEmbedding } from '@ksub/embedding';
import { initBackend } from '@ksub/tensor';
import { MaskedLanguageModel } from './masked-lm';
import { replaceEmbedding } from './replace-embedding';
import { SMALL_CONFIG as SMALL } from './testing/small-config';
import { syntheticBatch } from './testing/synthetic-batch';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

/** A factorized layer that reproduces `table` exactly: table · I + 0. */
function exactFactorization(table: tf.Tensor2D, bias: boolean): FactorizedEmbedding {
  const [n, d] = table.shape;
  const layer = new FactorizedEmbedding({ vocabSize: n, dim: d, rank: d, bias });
  layer.createWeights();
  layer.setWeights([table, tf.eye(d), ...(bias ? [tf.zeros([d])] : [])]);
  return layer;
}

describe('replaceEmbedding', () => {
  it('keeps the loss when the new embedding equals the old table (property: E = E·I + 0)', () => {
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 3);
    const batch = syntheticBatch([6, 5], 6, SMALL.vocabSize, 2);
    const before = tf.tidy(() => model.loss(batch).dataSync()[0] as number);
    const table = tf.tidy(() => tf.clone(model.embedding.outputWeight())); // a copy: the full layer returns its variable
    const swapped = replaceEmbedding(model, exactFactorization(table, true), {
      kind: 'factorized',
      rank: SMALL.hidden,
      bias: true,
    });
    table.dispose();
    const after = tf.tidy(() => swapped.loss(batch).dataSync()[0] as number);
    expect(after).toBeCloseTo(before, 5);
    // the copy is independent: disposing the original leaves the swapped model whole
    model.dispose();
    expect(tf.tidy(() => swapped.loss(batch).dataSync()[0] as number)).toBeCloseTo(before, 5);
    swapped.dispose();
  });

  it('changes the loss when the embedding changes (zeroed table, all else copied)', () => {
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 4);
    const batch = syntheticBatch([6, 5], 6, SMALL.vocabSize, 3);
    const before = tf.tidy(() => model.loss(batch).dataSync()[0] as number);
    const zeros = tf.zeros([SMALL.vocabSize, SMALL.hidden]) as tf.Tensor2D;
    const swapped = replaceEmbedding(model, exactFactorization(zeros, false), {
      kind: 'factorized',
      rank: SMALL.hidden,
    });
    zeros.dispose();
    // a zero decoder gives uniform logits: the loss is exactly ln N at every masked position
    expect(tf.tidy(() => swapped.loss(batch).dataSync()[0] as number)).toBeCloseTo(
      Math.log(SMALL.vocabSize),
      4,
    );
    expect(before).not.toBeCloseTo(Math.log(SMALL.vocabSize), 2);
    for (const p of swapped.params.all())
      if (!p.name.startsWith('roberta.embeddings.word_embeddings.'))
        expect(Array.from(p.variable.dataSync())).toEqual(
          Array.from(model.params.get(p.name).variable.dataSync()),
        );
    model.dispose();
    swapped.dispose();
  });

  it('refuses a spec that does not describe the layer, naming both', () => {
    const model = MaskedLanguageModel.fromSpec(SMALL, { kind: 'full' }, 5);
    const table = tf.tidy(() => tf.clone(model.embedding.outputWeight())); // a copy: the full layer returns its variable
    const layer = exactFactorization(table, false);
    expect(() => replaceEmbedding(model, layer, { kind: 'full' })).toThrow(
      /spec.kind "full" does not describe a factorized embedding/,
    );
    tf.dispose([table]);
    layer.dispose();
    model.dispose();
  });
});
