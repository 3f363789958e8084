// Benchmark (nx run tensor:bench): the products of one RoBERTa-style training step — attention
// scores and context (batched, small), a feed-forward layer, the tied decoder at masked positions —
// forward and backward (forward + both gradients of sum(op(A)·op(B)): three products), at two
// model shapes:
//   medium — paper-medium (hidden 512, 8 heads of 64, FFN 2048) at batch 16 × 128, 307 masked;
//   mini   — the `mini` preset (hidden 128, 2 heads of 64, FFN 512) at batch 16 × 128, 303 masked.
// Each product runs on the TF.js WebAssembly backend's matMul (with the explicit-transpose gradient
// of `matMul`), on ksub's SIMD kernel (`simdMatMul`, all its threads) and, in the same run, on
// OpenBLAS through PyTorch (Debian's python3-torch; numpy when torch is absent) with as many threads
// as the kernel (bench/blas_mat_mul.py). Printed per product: GFLOP, the median ms of each, the
// kernel/backend time ratio ("ratio (ms)": below 1 the kernel is faster), the kernel's and
// OpenBLAS's GFLOP/s and their ratio (kernel/OpenBLAS GFLOP/s: above 1 the kernel is faster), and
// which BLAS library the peer loaded. Without torch or numpy, a line says how to install them.
// Environment: KSUB_THREADS sets the kernel's (and the peer's) threads, default every core;
// KSUB_BENCH_REPEATS the timed repeats after one warm-up (default 3; median reported).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';
import { matMulExplicit } from '../primitives/mat-mul';
import { simdKernel, simdMatMul } from '../primitives/simd-mat-mul';

type Product = (a: tf.Tensor, b: tf.Tensor, tA: boolean, tB: boolean) => tf.Tensor;

interface Case {
  label: string;
  a: number[];
  b: number[];
  tA: boolean;
  tB: boolean;
}

/** What the OpenBLAS peer reports (bench/blas_mat_mul.py). */
interface PeerResult {
  library: string;
  blas: string | null;
  threads: number;
  ms: number[];
}

/** The dimensions of one training step whose products {@link stepProducts} lists. */
interface StepShape {
  name: string;
  batch: number;
  seq: number;
  hidden: number;
  heads: number;
  ffn: number;
  /** Masked positions: rows of the tied decoder's product. */
  masked: number;
}

/** Attention scores and context (per head), the first feed-forward product, the tied decoder. */
function stepProducts(s: StepShape): Case[] {
  const dh = s.hidden / s.heads;
  const tokens = s.batch * s.seq;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const vocab = 50265;
  return [
    {
      label: `${s.name}: attention scores Q·Kᵀ [${s.batch}·${s.heads} × ${s.seq} × ${dh}]`,
      a: [s.batch, s.heads, s.seq, dh],
      b: [s.batch, s.heads, s.seq, dh],
      tA: false,
      tB: true,
    },
    {
      label: `${s.name}: attention context P·V`,
      a: [s.batch, s.heads, s.seq, s.seq],
      b: [s.batch, s.heads, s.seq, dh],
      tA: false,
      tB: false,
    },
    {
      label: `${s.name}: feed-forward in [${tokens}×${s.hidden}]·[${s.hidden}×${s.ffn}]`,
      a: [tokens, s.hidden],
      b: [s.hidden, s.ffn],
      tA: false,
      tB: false,
    },
    {
      label: `${s.name}: tied decoder [${s.masked}×${s.hidden}]·[${fmt(vocab)}×${s.hidden}]ᵀ`,
      a: [s.masked, s.hidden],
      b: [vocab, s.hidden],
      tA: false,
      tB: true,
    },
  ];
}

const CASES: Case[] = [
  // paper-medium at batch 16 × 128: 15% of 2,048 tokens masked
  ...stepProducts({ name: 'medium', batch: 16, seq: 128, hidden: 512, heads: 8, ffn: 2048, masked: 307 }),
  // mini at batch 16 × 128: 303 masked, the count of the training bench's real batch
  ...stepProducts({ name: 'mini', batch: 16, seq: 128, hidden: 128, heads: 2, ffn: 512, masked: 303 }),
];

const INSTALL_HINT =
  "npx nx run training:setup-bench installs Debian's python3-torch and libopenblas0-pthread";

/** KSUB_BENCH_REPEATS as a positive integer (default 3). */
function repeatsFromEnv(): number {
  const raw = process.env['KSUB_BENCH_REPEATS'];
  if (raw === undefined || raw === '') return 3;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < 1)
    throw new RangeError(
      `mat-mul bench: KSUB_BENCH_REPEATS must be a positive integer; got ${JSON.stringify(raw)}`,
    );
  return value;
}

function median(values: number[]): number {
  const s = [...values].sort((p, q) => p - q);
  return s[Math.floor(s.length / 2)] as number;
}

/** GFLOP of forward + the two gradient products: 3 × 2·batch·m·n·d. */
function gflopOf(c: Case): number {
  const m = c.tA ? (c.a.at(-1) as number) : (c.a.at(-2) as number);
  const d = c.tA ? (c.a.at(-2) as number) : (c.a.at(-1) as number);
  const n = c.tB ? (c.b.at(-2) as number) : (c.b.at(-1) as number);
  const batch = c.a.slice(0, -2).reduce((p, q) => p * q, 1);
  return (3 * 2 * batch * m * n * d) / 1e9;
}

async function time(c: Case, mm: Product, a: tf.Tensor, b: tf.Tensor, repeats: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats + 1; i++) {
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

/** A python3 that imports torch (preferred) or numpy: Debian's /usr/bin/python3 before PATH's. */
function peerPython(): string | null {
  for (const module of ['torch', 'numpy'])
    for (const python of ['/usr/bin/python3', 'python3'])
      if (spawnSync(python, ['-c', `import ${module}`], { encoding: 'utf8' }).status === 0) return python;
  return null;
}

/** Times one case on the OpenBLAS peer (one process per case, so it runs beside the case's other timings). */
function runPeer(python: string, c: Case, threads: number, repeats: number): PeerResult {
  const run = spawnSync(
    python,
    [
      join(__dirname, '../../bench/blas_mat_mul.py'),
      '--threads',
      String(threads),
      '--repeats',
      String(repeats),
    ],
    { encoding: 'utf8', input: JSON.stringify([{ a: c.a, b: c.b, tA: c.tA, tB: c.tB }]) },
  );
  if (run.status !== 0)
    throw new Error(
      `mat-mul bench: OpenBLAS peer failed on "${c.label}" (exit ${run.status}): ${run.stderr.trim()}`,
    );
  return JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as PeerResult;
}

async function main(): Promise<void> {
  let repeats: number;
  try {
    repeats = repeatsFromEnv();
  } catch (error) {
    console.error((error as Error).message); // a bad setting: its message, not a stack
    process.exit(2);
  }
  const info = await initBackend();
  const kernel = simdKernel();
  if (kernel === null) throw new Error('mat-mul bench: no WebAssembly SIMD kernel in this runtime');
  while (kernel.readyWorkers < kernel.threads - 1) await new Promise((r) => setTimeout(r, 10));
  const python = peerPython();
  console.log(
    `backend ${info.name}; SIMD kernel threads ${kernel.threads}; median of ${repeats} after 1 warm-up; ` +
      'forward + both gradients of sum(op(A)·op(B))',
  );
  if (python === null) console.log(`OpenBLAS peer: neither torch nor numpy in python3 (${INSTALL_HINT})`);
  console.log(
    '| product | GFLOP | tf.matMul (explicit transposes) ms | simdMatMul ms | ratio (ms) | simd GFLOP/s ' +
      '| OpenBLAS ms | OpenBLAS GFLOP/s | ratio kernel/OpenBLAS (GFLOP/s) |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  let peerNote: string | null = null;
  for (const c of CASES) {
    const a = tf.randomNormal(c.a, 0, 1, 'float32', 1);
    const b = tf.randomNormal(c.b, 0, 1, 'float32', 2);
    const gflop = gflopOf(c);
    const base = await time(c, matMulExplicit, a, b, repeats);
    const simd = await time(c, simdMatMul, a, b, repeats);
    tf.dispose([a, b]);
    const simdRate = gflop / (simd / 1000);
    let peerCells = '— | — | —';
    if (python !== null) {
      const peer = runPeer(python, c, kernel.threads, repeats);
      const ms = peer.ms[0] as number;
      const peerRate = gflop / (ms / 1000);
      peerCells = `${ms.toFixed(0)} | ${peerRate.toFixed(1)} | ${(simdRate / peerRate).toFixed(2)}`;
      peerNote ??= `OpenBLAS peer: ${peer.library}, ${peer.threads} threads, BLAS ${peer.blas ?? 'not found'}`;
    }
    console.log(
      `| ${c.label} | ${gflop.toFixed(2)} | ${base.toFixed(0)} | ${simd.toFixed(0)} | ${(simd / base).toFixed(2)} ` +
        `| ${simdRate.toFixed(1)} | ${peerCells} |`,
    );
  }
  if (peerNote !== null) {
    console.log(peerNote);
    if (!peerNote.includes('openblas'))
      console.log("note: the peer did not load OpenBLAS; its figures are not OpenBLAS's");
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
