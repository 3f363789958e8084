import * as tf from '@tensorflow/tfjs-core';
import { collateSequences } from '@ksub/training';
import { DropoutStream, MaskedLanguageModel } from '@ksub/transformer';
import { microConfig, useWasmBackend } from '../testing/micro-model';
import { layerStates } from './layer-states';

const CONFIG = microConfig({ vocabSize: 30, layers: 2 });

useWasmBackend();

describe('layerStates', () => {
  it('keeps the real, non-special tokens of every layer; the last layer is the encoder output', () => {
    const model = MaskedLanguageModel.fromSpec(CONFIG, { kind: 'full' }, 2);
    // 0 <s> and 2 </s> are special; the second sequence is padded in its batch
    const sequences = [
      Int32Array.from([0, 5, 6, 7, 2]),
      Int32Array.from([0, 8, 2]),
      Int32Array.from([0, 9, 9, 2]),
    ];
    const isSpecial = (id: number) => id < 4;
    const { ids, layers, hidden } = layerStates(model, sequences, { batchSize: 2, isSpecial });
    expect(Array.from(ids)).toEqual([5, 6, 7, 8, 9, 9]);
    expect(layers).toHaveLength(3);
    for (const l of layers) expect(l.length).toBe(6 * hidden);
    // reference: the first batch's encoder output, rows of tokens 5, 6, 7 (sequence 0, positions 1–3) and 8
    const input = collateSequences(sequences.slice(0, 2), CONFIG.padId);
    const out = tf.tidy(() => model.encoder.encode(input, new DropoutStream(false, 0)).dataSync());
    const row = (r: number) => Array.from(out.subarray(r * hidden, (r + 1) * hidden));
    const last = layers[2] as Float32Array;
    expect(Array.from(last.subarray(0, 3 * hidden))).toEqual([...row(1), ...row(2), ...row(3)]);
    expect(Array.from(last.subarray(3 * hidden, 4 * hidden))).toEqual(row(5 + 1));
    model.dispose();
  });
});
