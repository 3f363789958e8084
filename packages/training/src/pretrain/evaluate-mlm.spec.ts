import * as tf from '@tensorflow/tfjs-core';
import { collateMlm } from '@ksub/corpus';
import { Rng } from '@ksub/core';
import { initBackend } from '@ksub/tensor';
import { MaskedLanguageModel } from '@ksub/transformer';
import { TINY_MLM_CONFIG, TINY_MLM_TOKENIZER, TINY_VOCAB, tinySequences } from '../testing/tiny-mlm';
import { mixSeed } from './data-order';
import { evaluateMlm, validationBatches } from './evaluate-mlm';
import { UnigramBaseline } from './unigram';

const VOCAB = TINY_VOCAB;
const CONFIG = TINY_MLM_CONFIG;
const TOKENIZER = TINY_MLM_TOKENIZER;
const sequences = tinySequences;

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
    let unigramCorrect = 0;
    let positions = 0;
    for (let i = 0; i < held.length; i += 3) {
      const batch = collateMlm(held.slice(i, i + 3), { ...TOKENIZER, rng, maskProbability: 0.15 });
      const n = batch.labels.length;
      if (n > 0) lossSum += tf.tidy(() => model.loss(batch).dataSync()[0] as number) * n;
      unigramSum += unigram.lossSum(batch.labels);
      unigramCorrect += batch.labels.filter((id) => id === unigram.mostFrequent).length;
      positions += n;
    }
    expect(score.positions).toBe(positions);
    expect(score.loss).toBeCloseTo(lossSum / positions, 4);
    expect(score.unigramLoss).toBeCloseTo(unigramSum / positions, 10);
    expect(score.unigramAccuracy).toBe(unigramCorrect / positions);
    // an untrained model is near uniform: ln 40 ≈ 3.69
    expect(Math.abs(score.loss - Math.log(VOCAB))).toBeLessThan(0.5);
    model.dispose();
  });

  it("scores the unigram's top-1: 1 where every label is its most frequent token, 0 where none is", () => {
    const model = MaskedLanguageModel.fromSpec(CONFIG, { kind: 'full' }, 4);
    const fives = Array.from({ length: 6 }, () => Int32Array.from([0, 5, 5, 5, 5, 5, 5, 5, 5, 2]));
    const options = { tokenizer: TOKENIZER, seed: 2, batchSize: 4 };
    const onFives = new UnigramBaseline(fives, VOCAB, TOKENIZER.isSpecial);
    const onSixes = new UnigramBaseline([Int32Array.of(0, 6, 6, 2)], VOCAB, TOKENIZER.isSpecial);
    const right = evaluateMlm(model, fives, { ...options, unigram: onFives });
    expect(right.positions).toBeGreaterThan(0);
    expect(right.unigramAccuracy).toBe(1);
    // 48 counted tokens, all id 5: p(5) = 49 / (48 + 40)
    expect(right.unigramLoss).toBeCloseTo(-Math.log(49 / 88), 12);
    expect(evaluateMlm(model, fives, { ...options, unigram: onSixes }).unigramAccuracy).toBe(0);
    model.dispose();
  });

  it('leaves unigramLoss and unigramAccuracy out when no baseline is given', () => {
    const model = MaskedLanguageModel.fromSpec(CONFIG, { kind: 'full' }, 3);
    const score = evaluateMlm(model, held, { tokenizer: TOKENIZER, seed: 1, batchSize: 8 });
    expect(score.unigramLoss).toBeUndefined();
    expect(score.unigramAccuracy).toBeUndefined();
    model.dispose();
  });
});

describe('validationBatches', () => {
  const held = sequences(11, 1);

  it('slices the sequences in order and masks them from one stream: batch size does not move a mask', () => {
    const options = { tokenizer: TOKENIZER, seed: 9 };
    const flat = (batchSize: number) =>
      [...validationBatches(held, { ...options, batchSize })].flatMap(({ first, batch }) =>
        Array.from(batch.maskedPositions, (p, k) => [
          first + Math.floor(p / batch.seqLength),
          p % batch.seqLength,
          batch.labels[k],
        ]),
      );
    const byFour = [...validationBatches(held, { ...options, batchSize: 4 })];
    expect(byFour.map((b) => [b.first, b.batch.batchSize])).toEqual([
      [0, 4],
      [4, 4],
      [8, 3],
    ]);
    expect(flat(3)).toEqual(flat(4));
    expect(flat(4).length).toBeGreaterThan(0);
  });
});
