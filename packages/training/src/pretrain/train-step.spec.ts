import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ksub/tensor';
import { AdamW } from '../adamw';
import { trainStep } from './train-step';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('trainStep', () => {
  // loss ½‖x‖² + ½y² at x = (3, −4), y = 12: gradients (3, −4) and 12, global norm 13 (hand-derived)
  const setup = () => {
    const x = tf.variable(tf.tensor1d([3, -4]), true, 'x');
    const y = tf.variable(tf.scalar(12), true, 'y');
    const optimizer = new AdamW([
      { name: 'x', variable: x, decay: false },
      { name: 'y', variable: y, decay: false },
    ]);
    const loss = () => tf.add(tf.mul(0.5, tf.sum(tf.square(x))), tf.mul(0.5, tf.square(y))) as tf.Scalar;
    // what reaches the optimizer: the gradients after clipping
    const applied: number[][] = [];
    const apply = optimizer.apply.bind(optimizer);
    jest.spyOn(optimizer, 'apply').mockImplementation((grads, lr) => {
      applied.push(...grads.map((g) => Array.from(g.dataSync())));
      apply(grads, lr);
    });
    const dispose = () => {
      optimizer.dispose();
      tf.dispose([x, y]);
    };
    return { x, y, optimizer, loss, applied, dispose };
  };
  // AdamW's first step moves each entry by lr · g / (|g| + ε): lr · sign(g) up to ε
  const firstStep = (p: number, g: number, lr: number) => p - (lr * g) / (Math.abs(g) + 1e-6);

  it("takes gradients of the optimizer's parameters, clips them to clipNorm, and steps at lr", async () => {
    const { x, y, optimizer, loss, applied, dispose } = setup();
    const before = tf.memory().numTensors;
    const result = await trainStep(loss, optimizer, { lr: 0.1, clipNorm: 1 });
    expect(tf.memory().numTensors).toBe(before); // no tensor left behind
    expect(result.loss).toBe(12.5 + 72);
    expect(result.gradNorm).toBeCloseTo(13, 5);
    const scale = 1 / (13 + 1e-6); // clipped gradients g · maxNorm / (norm + 1e-6)
    [3, -4, 12].forEach((g, i) => expect(applied.flat()[i]).toBeCloseTo(g * scale, 6));
    const got = [...x.dataSync(), ...y.dataSync()];
    const expected = [
      firstStep(3, 3 * scale, 0.1),
      firstStep(-4, -4 * scale, 0.1),
      firstStep(12, 12 * scale, 0.1),
    ];
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 6));
    expect(optimizer.step).toBe(1);
    dispose();
  });

  it('does not clip by default (clipNorm 0) and reports the norm all the same', async () => {
    const { x, optimizer, loss, applied, dispose } = setup();
    const result = await trainStep(loss, optimizer, { lr: 0.5 });
    expect(result.gradNorm).toBeCloseTo(13, 5);
    expect(applied.flat()).toEqual([3, -4, 12]);
    expect(Array.from(x.dataSync())[0]).toBeCloseTo(firstStep(3, 3, 0.5), 6);
    dispose();
  });
});
