import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';
import { attentionKeep, compositeAttention, fusedAttention, type AttentionOptions } from './attention';
import { expectClose, flat } from './testing-close';
import { withBackend } from './with-backend';

const close = (actual: number[], expected: number[], tol = 2e-5): void => expectClose(actual, expected, tol);

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

/** Value and gradient of Σ attention(qkv) ⊙ W for a fixed W. */
function probe(op: typeof fusedAttention, options: AttentionOptions) {
  return async (qkv: tf.Tensor2D) => {
    const d = (qkv.shape[1] as number) / 3;
    const weight = tf.reshape(tf.sin(tf.range(0, (qkv.shape[0] as number) * d, 1)), [
      qkv.shape[0] as number,
      d,
    ]);
    const loss = (x: tf.Tensor) => tf.sum(tf.mul(op(x as tf.Tensor2D, options), weight));
    return { value: await flat(op(qkv, options)), grad: await flat(tf.grad(loss)(qkv)) };
  };
}

describe('fusedAttention', () => {
  // batch 2 × seq 5, 2 heads of 3 (d 6); the second row has 2 padding tokens
  const mask = Int32Array.of(1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
  const qkv = () => tf.randomNormal([10, 18], 0, 1, 'float32', 3) as tf.Tensor2D;

  it('equals the composite TF.js attention on cpu, value and gradient, with padding', async () => {
    const options = { batchSize: 2, seqLength: 5, heads: 2, mask };
    const x = qkv();
    const reference = await withBackend('cpu', () => probe(compositeAttention, options)(x));
    const fused = await probe(fusedAttention, options)(x);
    close(fused.value, reference.value);
    close(fused.grad, reference.grad);
  });

  it('with dropout, equals the composite op under the same mask, and the mask depends on the seed', async () => {
    const options = { batchSize: 2, seqLength: 5, heads: 2, mask, dropout: 0.3, seed: 11 };
    const x = qkv();
    const reference = await withBackend('cpu', () => probe(compositeAttention, options)(x));
    const fused = await probe(fusedAttention, options)(x);
    close(fused.value, reference.value);
    close(fused.grad, reference.grad);
    const other = await probe(fusedAttention, { ...options, seed: 12 })(x);
    expect(other.value).not.toEqual(fused.value);
  });

  it('keeps a fraction 1 − rate of attention probabilities (100,000 draws, 5σ)', () => {
    let kept = 0;
    for (let i = 0; i < 100_000; i++) kept += attentionKeep(5, i, 0.1) ? 1 : 0;
    expect(Math.abs(kept / 100_000 - 0.9)).toBeLessThan(5 * Math.sqrt((0.9 * 0.1) / 100_000));
  });

  it('gives padding keys no weight: changing a padded token does not change real outputs', async () => {
    const options = { batchSize: 2, seqLength: 5, heads: 2, mask };
    const x = qkv();
    const changed = tf.add(
      x,
      tf.mul(tf.reshape(tf.oneHot(tf.tensor1d([9], 'int32'), 10), [10, 1]), 100),
    ) as tf.Tensor2D;
    const a = await flat(fusedAttention(x, options));
    const b = await flat(fusedAttention(changed, options));
    close(b.slice(0, 8 * 6), a.slice(0, 8 * 6), 1e-6); // rows of real tokens
  });

  it('names bad input', () => {
    const x = qkv();
    expect(() => fusedAttention(x, { batchSize: 3, seqLength: 5, heads: 2, mask })).toThrow(
      'qkv must be float32 [batchSize · seqLength = 15, 3 · hidden]',
    );
    expect(() =>
      fusedAttention(x, { batchSize: 2, seqLength: 5, heads: 2, mask: new Int32Array(3) }),
    ).toThrow('mask must hold 10 values; got 3');
    expect(() => fusedAttention(x, { batchSize: 2, seqLength: 5, heads: 2, mask, dropout: 1 })).toThrow(
      'dropout must be in [0, 1); got 1',
    );
  });
});
