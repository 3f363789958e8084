import * as tf from '@tensorflow/tfjs-core';
import { collateMlm } from '@ksub/corpus';
import { Rng } from '@ksub/core';
import { initBackend } from '@ksub/tensor';
import { MaskedLanguageModel, presetConfig, validateConfig } from '@ksub/transformer';
import { mixSeed } from './data-order';
import { evaluateMlm } from './evaluate-mlm';
import { UnigramBaseline } from './unigram';

const VOCAB = 40;
const CONFIG = validateConfig({
  ...presetConfig('tiny'),
  vocabSize: VOCAB,
  hidden: 8,
  layers: 1,
  heads: 2,
  intermediate: 16,
  maxPositions: 24,
});
/** ids 0–3 special (0 <s>, 1 <pad>, 2 </s>, 3 <mask>), as RoBERTa's layout. */
const TOKENIZER = {
  specialIds: { bos: 0, cls: 0, pad: 1, eos: 2, sep: 2, unk: 3, mask: 3 },
  isSpecial: (id: number) => id < 4,
  vocabSize: VOCAB,
};

function sequences(count: number, seed: number): Int32Array[] {
  const rng = Rng.fromSeed(seed);
  return Array.from({ length: count }, (_, i) =>
    Int32Array.from([0, ...Array.from({ length: 8 + (i % 5) }, () => 4 + rng.nextInt(VOCAB - 4)), 2]),
  );
}

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('evaluateMlm', () => {
  const held = sequences(11, 1);
  const unigram = new UnigramBaseline(sequences(50, 2), VOCAB, TOKENIZER.isSpecial);

  it('masks the same positions on every call (one stream from the seed)', () => {
    const model = MaskedLanguageModel.fromSpec(CONFIG, { kind: 'full' }, 1);
    const a = evaluateMlm(model, held, { tokenizer: TOKENIZER, seed: 5, batchSize: 4, unigram });
    const b = evaluateMlm(model, held, { tokenizer: TOKENIZER, seed: 5, batchSize: 4, unigram });
    expect(b).toEqual(a);
    expect(a.perplexity).toBeCloseTo(Math.exp(a.loss), 10);
    expect(a.accuracy).toBeGreaterThanOrEqual(0);
    expect(a.accuracy).toBeLessThanOrEqual(1);
    model.dispose();
  });

  it('equals the mean of the model loss and of the unigram baseline over the masked positions (reference loop)', () => {
    const model = MaskedLanguageModel.fromSpec(CONFIG, { kind: 'full' }, 2);
    const score = evaluateMlm(model, held, { tokenizer: TOKENIZER, seed: 9, batchSize: 3, unigram });
    // the same stream, batch by batch, through the model's own loss (a mean per batch)
    const rng = Rng.fromSeed(mixSeed(9, 7));
    let lossSum = 0;
    let unigramSum = 0;
    let positions = 0;
    for (let i = 0; i < held.length; i += 3) {
      const batch = collateMlm(held.slice(i, i + 3), { ...TOKENIZER, rng, maskProbability: 0.15 });
      const n = batch.labels.length;
      if (n > 0) lossSum += tf.tidy(() => model.loss(batch).dataSync()[0] as number) * n;
      unigramSum += unigram.lossSum(batch.labels);
      positions += n;
    }
    expect(score.positions).toBe(positions);
    expect(score.loss).toBeCloseTo(lossSum / positions, 4);
    expect(score.unigramLoss).toBeCloseTo(unigramSum / positions, 10);
    // an untrained model is near uniform: ln 40 ≈ 3.69
    expect(Math.abs(score.loss - Math.log(VOCAB))).toBeLessThan(0.5);
    model.dispose();
  });

  it('leaves unigramLoss out when no baseline is given', () => {
    const model = MaskedLanguageModel.fromSpec(CONFIG, { kind: 'full' }, 3);
    expect(
      evaluateMlm(model, held, { tokenizer: TOKENIZER, seed: 1, batchSize: 8 }).unigramLoss,
    ).toBeUndefined();
    model.dispose();
  });
});
