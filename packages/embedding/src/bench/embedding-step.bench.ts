// Benchmark (nx run embedding:bench): one forward + backward step of token embedding + tied
// decoder at RoBERTa scale — N = 50,265, d = 512, a batch of 32 × 128 tokens, logits at 15% of the
// positions — for Full and k-sub-embedding (k = 2, 3, 8), in one run, as ratios against Full.
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '@ksub/core';
import { getAllocator } from '@ksub/index-mapping';
import { initBackend, sparseSoftmaxCrossEntropy } from '@ksub/tensor';
import { FullEmbedding, KSubEmbedding, type TokenEmbedding } from '../index';
import type { layers } from '@tensorflow/tfjs-layers';

const N = 50265;
const D = 512;
const BATCH = 32;
const SEQ = 128;
const REPEATS = Number(process.env['KSUB_BENCH_REPEATS'] ?? 3);

type Layer = TokenEmbedding & layers.Layer;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function measure(label: string, layer: Layer, withAdam: boolean): Promise<number> {
  const rng = Rng.fromSeed(11);
  const ids = tf.tensor2d(
    Int32Array.from({ length: BATCH * SEQ }, () => rng.nextInt(N)),
    [BATCH, SEQ],
    'int32',
  );
  const positions = Int32Array.from(
    rng
      .shuffle(Int32Array.from({ length: BATCH * SEQ }, (_, i) => i))
      .subarray(0, Math.round(0.15 * BATCH * SEQ)),
  );
  const masked = tf.tensor1d(positions, 'int32');
  const labels = tf.tensor1d(
    Int32Array.from(positions, () => rng.nextInt(N)),
    'int32',
  );
  layer.embed(ids).dispose();
  const optimizer = tf.train.adam(1e-4, 0.9, 0.98, 1e-6);
  const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const loss = () =>
    tf.tidy(() => {
      const h = tf.gather(tf.reshape(layer.embed(ids), [BATCH * SEQ, D]), masked);
      return sparseSoftmaxCrossEntropy(layer.logits(h), labels);
    });
  const times: number[] = [];
  for (let i = 0; i < REPEATS + 2; i++) {
    const start = performance.now();
    if (withAdam) {
      const cost = optimizer.minimize(loss, true, vars);
      await (cost as tf.Scalar).data();
      cost?.dispose();
    } else {
      const { value, grads } = tf.variableGrads(loss, vars);
      await Promise.all(Object.values(grads).map((g) => g.data()));
      tf.dispose([value, ...Object.values(grads)]);
    }
    if (i >= 2) times.push(performance.now() - start);
  }
  optimizer.dispose();
  tf.dispose([ids, masked, labels]);
  const ms = median(times);
  console.log(
    `${label.padEnd(28)} ${withAdam ? 'fwd+bwd+Adam ' : 'fwd+bwd      '} ${ms.toFixed(0).padStart(6)} ms (median of ${REPEATS}), ${layer.paramCount().toLocaleString('en-US')} params`,
  );
  return ms;
}

async function main(): Promise<void> {
  const { name } = await initBackend();
  console.log(
    `backend: ${name}; N = ${N}, d = ${D}, ${BATCH} × ${SEQ} tokens, logits at ${Math.round(0.15 * BATCH * SEQ)} positions`,
  );
  for (const withAdam of [false, true]) {
    const full = new FullEmbedding({ vocabSize: N, dim: D, seed: 1 });
    const base = await measure('full', full, withAdam);
    full.dispose();
    for (const k of [2, 3, 8]) {
      const allocation = await getAllocator('scattered').allocate({
        numTokens: N,
        numTables: k,
        dim: D,
        seed: 1,
      });
      const ksub = new KSubEmbedding({ allocation, seed: 1 });
      const ms = await measure(`ksub k=${k} (rows ${allocation.rows[0]})`, ksub, withAdam);
      ksub.dispose();
      console.log(`  ratio ksub k=${k} / full: ${(ms / base).toFixed(2)}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
