import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';

import { matMul, matMulExplicit } from './mat-mul';
import { sparseSoftmaxCrossEntropy, sparseSoftmaxCrossEntropyOps } from './sparse-cross-entropy';
import { sumGatheredColumns } from './sum-gathered-columns';
import { withBackend } from './with-backend';

// float32 on two backends with different summation orders: products of ~10 terms of size ~1.
const TOL = 1e-4;

function close(actual: number[] | number, expected: number[] | number, tol = TOL): void {
  const a = ([] as number[]).concat(actual);
  const e = ([] as number[]).concat(expected);
  expect(a.length).toBe(e.length);
  for (let i = 0; i < a.length; i++)
    expect(Math.abs((a[i] as number) - (e[i] as number))).toBeLessThanOrEqual(
      tol * Math.max(1, Math.abs(e[i] as number)),
    );
}

const flat = async (t: tf.Tensor): Promise<number[]> => Array.from(await t.data());

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('matMul', () => {
  const shapes: Record<string, [number[], number[]]> = {
    ff: [
      [3, 4],
      [4, 5],
    ],
    ft: [
      [3, 4],
      [5, 4],
    ],
    tf: [
      [4, 3],
      [4, 5],
    ],
    tt: [
      [4, 3],
      [5, 4],
    ],
  };
  for (const [flags, [sa, sb]] of Object.entries(shapes)) {
    const tA = flags[0] === 't';
    const tB = flags[1] === 't';
    it(`value and gradients (transposeA ${tA}, transposeB ${tB}) on wasm equal tf.matMul on cpu`, async () => {
      const a = tf.randomNormal(sa, 0, 1, 'float32', 1);
      const b = tf.randomNormal(sb, 0, 1, 'float32', 2);
      const run = (mm: typeof matMul) => async () => {
        const loss = (x: tf.Tensor, y: tf.Tensor) =>
          tf.sum(tf.mul(mm(x, y, tA, tB), tf.reshape(tf.range(1, 16, 1), [3, 5])));
        const [da, db] = tf.grads(loss)([a, b]) as [tf.Tensor, tf.Tensor];
        return { value: await flat(mm(a, b, tA, tB)), da: await flat(da), db: await flat(db) };
      };
      const reference = await withBackend(
        'cpu',
        run((x, y, p, q) => tf.matMul(x, y, p, q)),
      );
      const wasm = await run(matMul)();
      close(wasm.value, reference.value);
      close(wasm.da, reference.da);
      close(wasm.db, reference.db);
      // the explicit path itself, on cpu, agrees with tf.matMul's built-in gradient
      const explicitOnCpu = await withBackend('cpu', run(matMulExplicit));
      close(explicitOnCpu.da, reference.da);
      close(explicitOnCpu.db, reference.db);
    });
  }

  it('handles rank-3 batches', async () => {
    const a = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 3);
    const b = tf.randomNormal([2, 5, 4], 0, 1, 'float32', 4);
    const reference = await withBackend('cpu', () => flat(tf.matMul(a, b, false, true)));
    close(await flat(matMul(a, b, false, true)), reference);
  });
});

describe('gather gradient on wasm (UnsortedSegmentSum kernel fill)', () => {
  it('sums the gradients of repeated ids, as on cpu', async () => {
    const table = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
    const ids = tf.tensor1d([2, 0, 2, 2], 'int32');
    const weights = tf.tensor2d([1, 10, 100, 1000, 2, 20, 3, 30], [4, 2]);
    const grad = (t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), weights));
    const cpu = await withBackend('cpu', () => flat(tf.grad(grad)(table)));
    const wasm = await flat(tf.grad(grad)(table));
    // hand-derived: row 0 gets the second weight row, row 2 the sum of rows 1, 3 and 4
    expect(cpu).toEqual([100, 1000, 0, 0, 1 + 2 + 3, 10 + 20 + 30, 0, 0]);
    expect(wasm).toEqual(cpu);
  });

  it('matches cpu on a 3-D gradient and drops out-of-range segment ids like TensorFlow', async () => {
    const x = tf.randomNormal([6, 2, 3], 0, 1, 'float32', 5);
    const seg = tf.tensor1d([0, 3, 3, -1, 1, 9], 'int32');
    const cpu = await withBackend('cpu', () => flat(tf.unsortedSegmentSum(x, seg, 4)));
    close(await flat(tf.unsortedSegmentSum(x, seg, 4)), cpu, 1e-6);
  });
});

describe('sparseSoftmaxCrossEntropy', () => {
  it('differentiates when the labels are made inside the differentiated function', async () => {
    const logits = tf.randomNormal([3, 4], 0, 1, 'float32', 9);
    const f = (x: tf.Tensor) => sparseSoftmaxCrossEntropy(x, tf.tensor1d([1, 0, 3], 'int32'));
    const labels = tf.tensor1d([1, 0, 3], 'int32');
    const outside = await flat(tf.grad((x: tf.Tensor) => sparseSoftmaxCrossEntropy(x, labels))(logits));
    // before the fix the labels tensor was disposed by the time the gradient ran
    close(await flat(tf.grad(f)(logits)), outside, 1e-7);
  });

  it('equals −log softmax at the label, hand-computed', async () => {
    const logits = tf.tensor2d([0, Math.log(3), 2, 2], [2, 2]);
    const loss = await sparseSoftmaxCrossEntropy(logits, tf.tensor1d([1, 0], 'int32')).data();
    // row 1: softmax(0, ln 3) = (1/4, 3/4) → −ln(3/4); row 2: (1/2, 1/2) → ln 2
    close(loss[0] as number, (-Math.log(3 / 4) + Math.log(2)) / 2, 1e-6);
  });

  it('value and gradient on wasm equal tf.losses-style softmax cross-entropy on cpu', async () => {
    const logits = tf.mul(tf.randomNormal([7, 11], 0, 1, 'float32', 6), 5);
    const labels = tf.tensor1d([0, 10, 3, 3, 5, 9, 1], 'int32');
    const reference = await withBackend('cpu', async () => {
      const f = (x: tf.Tensor) => tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(x), tf.oneHot(labels, 11)), 1)));
      return { value: await flat(f(logits)), grad: await flat(tf.grad(f)(logits)) };
    });
    // the SIMD route and the TF.js-ops route
    for (const loss of [sparseSoftmaxCrossEntropy, sparseSoftmaxCrossEntropyOps]) {
      const f = (x: tf.Tensor) => loss(x, labels);
      close(await flat(f(logits)), reference.value);
      close(await flat(tf.grad(f)(logits)), reference.grad);
    }
    expect(() => sparseSoftmaxCrossEntropy(logits, tf.tensor1d([0, 11, 3, 3, 5, 9, 1], 'int32'))).toThrow(
      'labels[1] must be in [0, 11); got 11',
    );
  });

  it('rejects bad shapes and dtypes, naming the argument', () => {
    const logits = tf.zeros([2, 3]);
    expect(() => sparseSoftmaxCrossEntropy(tf.zeros([3]), tf.tensor1d([0], 'int32'))).toThrow(
      /logits must be rank 2/,
    );
    expect(() => sparseSoftmaxCrossEntropy(logits, tf.tensor1d([0], 'int32'))).toThrow(
      /labels must have shape \[2\]/,
    );
    expect(() => sparseSoftmaxCrossEntropy(logits, tf.tensor1d([0, 1], 'float32'))).toThrow(
      /labels must be int32; got float32/,
    );
  });

  it('leaks no tensors over repeated calls inside tidy', () => {
    const logits = tf.randomNormal([4, 5]);
    const labels = tf.tensor1d([0, 1, 2, 3], 'int32');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++)
      tf.tidy(() => tf.grad((x: tf.Tensor) => sparseSoftmaxCrossEntropy(x, labels))(logits)).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('sumGatheredColumns', () => {
  it('equals Σ_j gather(P_j, columns_j, axis 1) with the same gradients as on cpu with tf.gather', async () => {
    const p0 = tf.randomNormal([3, 4], 0, 1, 'float32', 8);
    const p1 = tf.randomNormal([3, 2], 0, 1, 'float32', 9);
    const c0 = Int32Array.of(0, 3, 3, 1, 2, 0, 0);
    const c1 = Int32Array.of(1, 0, 1, 1, 0, 0, 1);
    const weights = tf.randomNormal([3, 7], 0, 1, 'float32', 10);
    const reference = await withBackend('cpu', async () => {
      const f = (a: tf.Tensor, b: tf.Tensor) =>
        tf.add(tf.gather(a, tf.tensor1d(c0, 'int32'), 1), tf.gather(b, tf.tensor1d(c1, 'int32'), 1));
      const [ga, gb] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a, b), weights)))([p0, p1]);
      return {
        value: await flat(f(p0, p1)),
        ga: await flat(ga as tf.Tensor),
        gb: await flat(gb as tf.Tensor),
      };
    });
    const f = (a: tf.Tensor, b: tf.Tensor) => sumGatheredColumns([a, b], [c0, c1]);
    const [ga, gb] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a, b), weights)))([p0, p1]);
    close(await flat(f(p0, p1)), reference.value);
    close(await flat(ga as tf.Tensor), reference.ga);
    close(await flat(gb as tf.Tensor), reference.gb);
  });

  it('rejects mismatched parts and out-of-range columns, naming the index', () => {
    const p = tf.zeros([2, 3]);
    expect(() => sumGatheredColumns([p], [])).toThrow(/equal length; got 1 and 0/);
    expect(() => sumGatheredColumns([p], [Int32Array.of(0, 3)])).toThrow(
      /columns\[0\]\[1\] must lie in \[0, 3\); got 3/,
    );
    expect(() => sumGatheredColumns([p, tf.zeros([3, 1])], [Int32Array.of(0), Int32Array.of(0)])).toThrow(
      /parts\[1\] must have shape \[2, rows\]; got \[3, 1\]/,
    );
  });
});
