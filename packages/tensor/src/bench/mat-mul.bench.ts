// Benchmark (nx run tensor:bench): the products of one RoBERTa-style training step — attention
// scores and context (batched, small), a feed-forward layer, the tied decoder at masked positions —
// forward and backward, on the TF.js WebAssembly backend's matMul (with the explicit-transpose
// gradient of `matMul`) and on ksub's SIMD kernel (`simdMatMul`, all threads), as ratios.
// KSUB_THREADS sets the kernel's threads; KSUB_BENCH_REPEATS the timed repeats (median reported).
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';
import { matMulExplicit } from '../primitives/mat-mul';
import { simdKernel, simdMatMul } from '../primitives/simd-mat-mul';

const REPEATS = Number(process.env['KSUB_BENCH_REPEATS'] ?? 3);

type Product = (a: tf.Tensor, b: tf.Tensor, tA: boolean, tB: boolean) => tf.Tensor;

interface Case {
  label: string;
  a: number[];
  b: number[];
  tA: boolean;
  tB: boolean;
}

// batch 16 × 128 tokens, hidden 512, 8 heads of 64, FFN 2048, 15% of positions masked
const CASES: Case[] = [
  { label: 'attention scores Q·Kᵀ [128·…]', a: [16, 8, 128, 64], b: [16, 8, 128, 64], tA: false, tB: true },
  { label: 'attention context P·V', a: [16, 8, 128, 128], b: [16, 8, 128, 64], tA: false, tB: false },
  { label: 'feed-forward in [2048×512]·[512×2048]', a: [2048, 512], b: [512, 2048], tA: false, tB: false },
  { label: 'tied decoder [307×512]·[50,265×512]ᵀ', a: [307, 512], b: [50265, 512], tA: false, tB: true },
];

function median(values: number[]): number {
  const s = [...values].sort((p, q) => p - q);
  return s[Math.floor(s.length / 2)] as number;
}

async function time(c: Case, mm: Product, a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPEATS + 1; i++) {
    const start = performance.now();
    const { value, grads } = tf.tidy(() => {
      const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(mm(x, y, c.tA, c.tB));
      const g = tf.valueAndGrads(f)([a, b]);
      return { value: g.value, grads: g.grads };
    });
    await Promise.all([value.data(), ...grads.map((g) => g.data())]);
    tf.dispose([value, ...grads]);
    if (i > 0) times.push(performance.now() - start);
  }
  return median(times);
}

async function main(): Promise<void> {
  const info = await initBackend();
  const kernel = simdKernel();
  if (kernel === null) throw new Error('no WebAssembly SIMD kernel in this runtime');
  while (kernel.readyWorkers < kernel.threads - 1) await new Promise((r) => setTimeout(r, 10));
  console.log(
    `backend ${info.name}; SIMD kernel threads ${kernel.threads}; median of ${REPEATS}; forward + backward`,
  );
  console.log(
    '| product | GFLOP | tf.matMul (explicit transposes) ms | simdMatMul ms | ratio | simd GFLOP/s |',
  );
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const c of CASES) {
    const a = tf.randomNormal(c.a, 0, 1, 'float32', 1);
    const b = tf.randomNormal(c.b, 0, 1, 'float32', 2);
    const m = c.tA ? (c.a.at(-1) as number) : (c.a.at(-2) as number);
    const d = c.tA ? (c.a.at(-2) as number) : (c.a.at(-1) as number);
    const n = c.tB ? (c.b.at(-2) as number) : (c.b.at(-1) as number);
    const batch = c.a.slice(0, -2).reduce((p, q) => p * q, 1);
    const gflop = (3 * 2 * batch * m * n * d) / 1e9; // forward + two gradient products
    const base = await time(c, matMulExplicit, a, b);
    const simd = await time(c, simdMatMul, a, b);
    console.log(
      `| ${c.label} | ${gflop.toFixed(2)} | ${base.toFixed(0)} | ${simd.toFixed(0)} | ${(simd / base).toFixed(2)} | ${(gflop / (simd / 1000)).toFixed(1)} |`,
    );
    tf.dispose([a, b]);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
