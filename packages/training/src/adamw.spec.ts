import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ksub/tensor';
import { AdamW } from './adamw';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

/** torch.optim.AdamW's update written out in float64. */
function referenceAdamW(p: number[], grads: number[][], lrs: number[], decay: boolean) {
  const [b1, b2, eps, wd] = [0.9, 0.98, 1e-6, 0.01];
  const m = p.map(() => 0);
  const v = p.map(() => 0);
  const x = [...p];
  grads.forEach((g, s) => {
    const t = s + 1;
    const lr = lrs[s] as number;
    for (let i = 0; i < x.length; i++) {
      if (decay) x[i] = (x[i] as number) * (1 - lr * wd);
      m[i] = b1 * (m[i] as number) + (1 - b1) * (g[i] as number);
      v[i] = b2 * (v[i] as number) + (1 - b2) * (g[i] as number) ** 2;
      const mHat = (m[i] as number) / (1 - b1 ** t);
      const vHat = (v[i] as number) / (1 - b2 ** t);
      x[i] = (x[i] as number) - (lr * mHat) / (Math.sqrt(vHat) + eps);
    }
  });
  return x;
}

describe.each([false, true])('AdamW (fused %p)', (fused) => {
  it('matches the float64 reference over three steps, decaying only parameters marked so', () => {
    const start = [0.5, -1.25, 2];
    const grads = [
      [0.1, -0.2, 0.3],
      [-0.05, 0.4, 0.0],
      [0.2, 0.2, -1.5],
    ];
    const lrs = [1e-2, 5e-3, 2e-3];
    const w = tf.variable(tf.tensor1d(start));
    const b = tf.variable(tf.tensor1d(start));
    const opt = new AdamW(
      [
        { name: 'w', variable: w, decay: true },
        { name: 'b', variable: b, decay: false },
      ],
      { fused },
    );
    expect(opt.fused).toBe(fused);
    grads.forEach((g, s) => opt.apply([tf.tensor1d(g), tf.tensor1d(g)], lrs[s] as number));
    const expectW = referenceAdamW(start, grads, lrs, true);
    const expectB = referenceAdamW(start, grads, lrs, false);
    Array.from(w.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(expectW[i] as number, 6));
    Array.from(b.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(expectB[i] as number, 6));
    expect(expectW[0]).not.toBeCloseTo(expectB[0] as number, 6); // the decay made a difference
    expect(opt.step).toBe(3);
  });

  it('continues identically after its moments are exported and restored', () => {
    const run = (restoreAfter: number | null) => {
      const x = tf.variable(tf.tensor1d([1, 2, 3]));
      let opt = new AdamW([{ name: 'x', variable: x, decay: true }], { fused });
      for (let s = 1; s <= 4; s++) {
        opt.apply([tf.tensor1d([s * 0.1, -s * 0.2, 0.3])], 1e-2);
        if (s === restoreAfter) {
          const saved = Object.fromEntries(opt.stateTensors().map((t) => [t.name, t.tensor.clone()]));
          opt = new AdamW([{ name: 'x', variable: x, decay: true }], { fused });
          opt.restore(s, saved);
        }
      }
      return Array.from(x.dataSync());
    };
    expect(run(2)).toEqual(run(null));
  });

  it('names bad input', () => {
    const x = tf.variable(tf.zeros([2]));
    expect(() => new AdamW([{ name: 'x', variable: x, decay: true }], { beta2: 1, fused })).toThrow(
      'beta2 must be in [0, 1); got 1',
    );
    const opt = new AdamW([{ name: 'x', variable: x, decay: true }], { fused });
    expect(() => opt.apply([], 1)).toThrow('grads must hold one tensor per parameter (1); got 0');
    expect(() => opt.restore(1, {})).toThrow('x.exp_avg is missing or not of shape [2]');
  });
});

describe('AdamW fused on the SIMD kernel', () => {
  it('follows the TF.js composite update over five steps of three parameters (one of 40,000 values)', () => {
    const shapes = [[200, 200], [7], [3, 5]];
    const start = shapes.map((s, i) => tf.randomNormal(s, 0, 1, 'float32', i + 1));
    const run = (fused: boolean) => {
      const params = start.map((t, i) => ({
        name: `p${i}`,
        variable: tf.variable(t.clone()),
        decay: i !== 1,
      }));
      const opt = new AdamW(params, { fused });
      for (let s = 1; s <= 5; s++)
        opt.apply(
          shapes.map((shape, i) => tf.randomNormal(shape, 0, 1, 'float32', 100 * s + i)),
          1e-2 / s,
        );
      const moments = opt.stateTensors().map((m) => Array.from(m.tensor.dataSync()));
      return { values: params.map((p) => Array.from(p.variable.dataSync())), moments };
    };
    const composite = run(false);
    const fused = run(true);
    let worst = 0;
    [...fused.values, ...fused.moments].forEach((arr, i) => {
      const ref = [...composite.values, ...composite.moments][i] as number[];
      arr.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - (ref[j] as number)))));
    });
    expect(fused.values[0]).not.toEqual(Array.from(start[0]?.dataSync() ?? [])); // the update moved it
    expect(worst).toBeLessThan(1e-6);
  });
});
