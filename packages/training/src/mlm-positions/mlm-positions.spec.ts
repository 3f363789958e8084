import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ksub/tensor';
import { MaskedLanguageModel } from '@ksub/transformer';
import { TINY_MLM_CONFIG, TINY_MLM_TOKENIZER, TINY_VOCAB, tinySequences } from '../testing/tiny-mlm';
import { evaluateMlm, validationBatches } from '../pretrain/evaluate-mlm';
import { UnigramBaseline } from '../pretrain/unigram';
import { evaluateMlmPositions } from './mlm-positions';

const VOCAB = TINY_VOCAB;
const CONFIG = TINY_MLM_CONFIG;
const TOKENIZER = TINY_MLM_TOKENIZER;
const sequences = tinySequences;

/** Mean of a typed array. */
function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('evaluateMlmPositions', () => {
  const held = sequences(13, 1);
  const unigram = new UnigramBaseline(sequences(50, 2), VOCAB, TOKENIZER.isSpecial);
  const options = { tokenizer: TOKENIZER, seed: 9, batchSize: 4, unigram };

  it("averages to evaluateMlm's loss, accuracy and unigram scores on the same positions", () => {
    const model = MaskedLanguageModel.fromSpec(CONFIG, { kind: 'full' }, 2);
    const score = evaluateMlm(model, held, options);
    const rows = evaluateMlmPositions(model, held, options);
    expect(rows.loss.length).toBe(score.positions);
    expect(Math.abs(mean(rows.loss) - score.loss)).toBeLessThanOrEqual(1e-5);
    expect(mean(rows.correct)).toBeCloseTo(score.accuracy, 12);
    expect(mean(rows.unigramLoss)).toBeCloseTo(score.unigramLoss as number, 12);
    const unigramTop1 = mean(Array.from(rows.token, (t) => (t === unigram.mostFrequent ? 1 : 0)));
    expect(unigramTop1).toBeCloseTo(score.unigramAccuracy as number, 12);
    model.dispose();
  });

  it("lists validationBatches' masked positions in order, each with its label and its own −log p (float64 reference)", () => {
    const model = MaskedLanguageModel.fromSpec(CONFIG, { kind: 'full' }, 3);
    const rows = evaluateMlmPositions(model, held, options);
    let row = 0;
    for (const { first, batch } of validationBatches(held, options)) {
      const logits = tf.tidy(() => model.logits(batch).arraySync());
      batch.labels.forEach((label, k) => {
        const flat = batch.maskedPositions[k] as number;
        const [sequence, position] = [first + Math.floor(flat / batch.seqLength), flat % batch.seqLength];
        expect([rows.sequence[row], rows.position[row], rows.token[row]]).toEqual([
          sequence,
          position,
          label,
        ]);
        expect(held[sequence]?.[position]).toBe(label); // the true token, not the masked input
        const z = logits[k] as number[];
        const max = Math.max(...z);
        const expected = max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0)) - (z[label] as number);
        expect(Math.abs((rows.loss[row] as number) - expected)).toBeLessThan(1e-5);
        expect(rows.correct[row]).toBe(z.indexOf(max) === label ? 1 : 0);
        expect(rows.unigramLoss[row]).toBe(unigram.loss(label));
        row++;
      });
    }
    expect(row).toBe(rows.loss.length);
    expect(new Set(rows.sequence).size).toBeGreaterThan(5); // positions from many sequences
    model.dispose();
  });

  it('gives empty columns for no sequences', () => {
    const model = MaskedLanguageModel.fromSpec(CONFIG, { kind: 'full' }, 4);
    const rows = evaluateMlmPositions(model, [], options);
    expect(rows.loss).toEqual(new Float64Array(0));
    expect(rows.sequence).toEqual(new Int32Array(0));
    model.dispose();
  });
});
