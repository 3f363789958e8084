import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@ksub/core';
import { initBackend } from '@ksub/tensor';
import { MaskedLanguageModel, presetConfig } from '@ksub/transformer';
import { AdamW } from './adamw';
(async () => {
  await initBackend({ log: null });
  const config = presetConfig('mini');
  const model = MaskedLanguageModel.fromSpec(config, { kind: 'full' }, 1);
  const B = 16,
    S = 128,
    rng = Rng.fromSeed(1);
  const inputIds = Int32Array.from({ length: B * S }, () => 3 + rng.nextInt(50000));
  const attentionMask = new Int32Array(B * S).fill(1);
  const maskedPositions = Int32Array.from({ length: 307 }, (_, i) => i * 6);
  const labels = maskedPositions.map((i) => inputIds[i] as number);
  const batch = { batchSize: B, seqLength: S, inputIds, attentionMask, maskedPositions, labels };
  const params = model.params.all();
  const vars = params.map((p) => p.variable);
  const opt = new AdamW(params);
  for (let it = 0; it < 4; it++) {
    let t = performance.now();
    const fwd = tf.tidy(() => model.loss(batch, { training: true, seed: 1 }).dataSync()[0]);
    const tf_ = performance.now() - t;
    t = performance.now();
    const { value, grads } = tf.variableGrads(() => model.loss(batch, { training: true, seed: 1 }), vars);
    await Promise.all(Object.values(grads).map((g) => g.data()));
    const tfb = performance.now() - t;
    t = performance.now();
    opt.apply(
      vars.map((v) => grads[v.name] as tf.Tensor),
      1e-4,
    );
    await vars[0]!.data();
    const to = performance.now() - t;
    tf.dispose([value, ...Object.values(grads)]);
    console.log(
      `fwd ${tf_.toFixed(0)} ms, fwd+bwd ${tfb.toFixed(0)} ms, adam ${to.toFixed(0)} ms, loss ${fwd}`,
    );
  }
  const profile = await tf.profile(() => {
    const { value, grads } = tf.variableGrads(() => model.loss(batch, { training: true, seed: 1 }), vars);
    tf.dispose([value, ...Object.values(grads)]);
  });
  const byName = new Map<string, number>();
  for (const k of profile.kernels) byName.set(k.name, (byName.get(k.name) ?? 0) + (k.kernelTimeMs as number));
  console.log(
    [...byName.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 18)
      .map(([n, ms]) => `${n} ${ms.toFixed(0)}`)
      .join('\n'),
  );
})();
