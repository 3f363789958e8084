import type {} from './webassembly-types';
import {
  coreCount,
  type KernelWorker,
  startKernelWorker,
  threadsSetting,
  WORKERS_AVAILABLE,
} from './threads';
import { CONTROL, OP_ARITY, OPS, PARKED } from './control';
import { WORKER_SOURCE } from './worker-source';
import { fmaSetting, relaxedSimdSupported } from './relaxed-simd';
import { GEMM_NT_FMA_WASM } from './wasm/gemm-nt-fma-wasm';
import { GEMM_NT_WASM } from './wasm/gemm-nt-wasm';

const PAGE = 65536;
/** The kernel's own static data lives below this byte offset. */
const RESERVED = PAGE;
/** Must match `--maximumMemory` in the `simd:wasm` target (pages): 2 GiB. */
const MAX_PAGES = 32768;

/** Options of {@link SimdKernel.create}. */
export interface SimdKernelOptions {
  /**
   * Threads that share a product, the calling one included (default: `KSUB_THREADS`, else the
   * number of cores). 1 starts no worker.
   */
  threads?: number;
  /**
   * Fused multiply-adds in the products (the kernel built with relaxed SIMD): about 1.3–1.7× the
   * products' speed, and one rounding per multiply-add instead of two, so results differ from the
   * plain kernel in the last bits. Default: `KSUB_SIMD_FMA` (`1` or `0`), else whenever the runtime
   * has relaxed SIMD (Node ≥ 22, Chrome ≥ 114; in Node 20 ksub turns on V8's
   * `--experimental-wasm-relaxed-simd` for it). `KSUB_SIMD_FMA=0` keeps results bit-identical
   * across machines.
   */
  fma?: boolean;
}

type GemmNT = (
  x: number,
  rows: number,
  y: number,
  cols: number,
  dim: number,
  out: number,
  ldo: number,
) => void;
type ChunkFunction = (...args: number[]) => void;

/** Bytes of standard base64 (`atob` exists in Node ≥ 16 and in browsers; no `Buffer`). */
function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let fmaBytes: Uint8Array | undefined;
let fmaAvailable: boolean | undefined;

/** Whether this runtime can run the fused multiply-add (relaxed SIMD) kernel; checked once. */
export function fmaSupported(): boolean {
  if (fmaAvailable === undefined) {
    fmaBytes = base64Bytes(GEMM_NT_FMA_WASM);
    fmaAvailable = relaxedSimdSupported(fmaBytes);
  }
  return fmaAvailable;
}

/** The bits of `value` rounded to float32, as an int32 (how f32 arguments reach the workers). */
function f32Bits(value: number): number {
  return new Int32Array(Float32Array.of(value).buffer)[0] as number;
}

/**
 * Reads `KSUB_SIMD_FMA` (`1` or `0`) or falls back to {@link fmaSupported}.
 *
 * @throws Error naming KSUB_SIMD_FMA when it is set to anything but `0` or `1`.
 */
export function defaultFma(): boolean {
  const raw = fmaSetting();
  if (raw === undefined || raw === '') return fmaSupported();
  if (raw !== '0' && raw !== '1') throw new Error(`KSUB_SIMD_FMA must be 0 or 1; got ${JSON.stringify(raw)}`);
  return raw === '1';
}

/**
 * Reads `KSUB_THREADS` (a positive integer) or falls back to the number of cores (in the browser
 * build: 1, the calling thread).
 *
 * @throws Error naming KSUB_THREADS when it is set to anything but a positive integer.
 */
export function defaultThreads(): number {
  const raw = threadsSetting();
  if (raw === undefined || raw === '') return coreCount();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`KSUB_THREADS must be a positive integer; got ${JSON.stringify(raw)}`);
  return n;
}

/**
 * ksub's WebAssembly SIMD matrix kernel: out = X · Yᵀ over f32 row-major matrices held in one
 * shared WebAssembly memory, optionally split across worker threads. The caller lays its matrices
 * out in the memory (byte offsets from {@link SimdKernel.base}, grown with
 * {@link SimdKernel.ensure}, written and read through {@link SimdKernel.f32} views), then calls
 * {@link SimdKernel.gemmNT} (this thread) or {@link SimdKernel.batchGemmNT} (all threads; it
 * returns when every thread is done, so it is usable inside synchronous code such as a TF.js op).
 *
 * Measured on 2 cores: 21 GFLOP/s on one thread at attention shapes, where the TF.js WebAssembly
 * backend's batched matMul reaches 1.4 (docs/benchmarks.md).
 *
 * @example
 * ```ts
 * const kernel = SimdKernel.create();
 * const x = kernel.base, y = x + m * d * 4, out = y + n * d * 4;
 * kernel.ensure(out + m * n * 4 - kernel.base);
 * kernel.f32(x, m * d).set(xs);
 * kernel.f32(y, n * d).set(ys);
 * kernel.batchGemmNT(x, y, out, 1, m, n, d);
 * const product = kernel.f32(out, m * n).slice();
 * ```
 */
export class SimdKernel {
  /** First byte offset callers may use. */
  readonly base = RESERVED;
  /** Threads a batched product is split across, the caller included. */
  readonly threads: number;
  /** Whether products use fused multiply-adds (see {@link SimdKernelOptions.fma}). */
  readonly fma: boolean;
  private readonly memory: WebAssembly.Memory;
  private readonly gemm: GemmNT;
  private readonly ops: ChunkFunction[];
  private readonly control: Int32Array;
  private readonly workers: KernelWorker[] = [];

  private constructor(threads: number, fma: boolean) {
    this.threads = threads;
    this.fma = fma;
    this.memory = new WebAssembly.Memory({ initial: 2, maximum: MAX_PAGES, shared: true });
    const bytes = fma ? (fmaBytes as Uint8Array) : base64Bytes(GEMM_NT_WASM);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      env: { memory: this.memory },
    });
    this.gemm = instance.exports['gemmNT'] as GemmNT;
    this.ops = OPS.map((name) => instance.exports[name] as ChunkFunction);
    this.control = new Int32Array(new SharedArrayBuffer(CONTROL.LENGTH * 4));
    Atomics.store(this.control, CONTROL.NEXT, PARKED);
    for (let t = 1; t < threads; t++) {
      this.workers.push(
        startKernelWorker(WORKER_SOURCE, { bytes, memory: this.memory, control: this.control.buffer }),
      );
    }
  }

  /**
   * A kernel with its own memory and `options.threads − 1` worker threads.
   *
   * @throws Error when the runtime lacks WebAssembly SIMD or shared memory, when
   *   `options.threads` is not a positive integer, or when `options.fma` is true where relaxed
   *   SIMD is unavailable.
   */
  static create(options: SimdKernelOptions = {}): SimdKernel {
    const threads = options.threads ?? defaultThreads();
    const fma = options.fma ?? defaultFma();
    if (typeof fma !== 'boolean')
      throw new Error(`SimdKernel.create: fma must be a boolean; got ${JSON.stringify(fma)}`);
    if (fma && !fmaSupported())
      throw new Error(
        'SimdKernel.create: fma (or KSUB_SIMD_FMA=1) needs relaxed SIMD, which this runtime lacks; got fma true',
      );
    if (!Number.isInteger(threads) || threads < 1)
      throw new Error(`SimdKernel.create: threads must be a positive integer; got ${threads}`);
    if (threads > 1 && !WORKERS_AVAILABLE)
      throw new Error(
        `SimdKernel.create: threads must be 1 in a browser (no worker threads); got ${threads}`,
      );
    return new SimdKernel(threads, fma);
  }

  /** Worker threads that have started and can take chunks (0 … threads − 1). */
  get readyWorkers(): number {
    return Atomics.load(this.control, CONTROL.READY);
  }

  /**
   * Grows the memory so that `bytes` bytes from {@link SimdKernel.base} are usable. Views from
   * {@link SimdKernel.f32} taken before a growth stay valid (the memory is shared, so it never
   * moves).
   *
   * @throws RangeError when `bytes` exceeds the kernel's 2 GiB memory.
   */
  ensure(bytes: number): void {
    const end = RESERVED + bytes;
    if (!Number.isFinite(end) || end > MAX_PAGES * PAGE)
      throw new RangeError(
        `SimdKernel.ensure: bytes must be at most ${MAX_PAGES * PAGE - RESERVED}; got ${bytes}`,
      );
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE));
  }

  /** A Float32Array view of `length` floats at byte offset `byteOffset` (4-aligned). */
  f32(byteOffset: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, byteOffset, length);
  }

  /**
   * out[i · ldo + j] = x_i · y_j for `rows` rows of x and `cols` rows of y, all `dim` wide, on the
   * calling thread. Offsets are bytes into the kernel's memory.
   */
  gemmNT(x: number, rows: number, y: number, cols: number, dim: number, out: number, ldo = cols): void {
    this.gemm(x, rows, y, cols, dim, out, ldo);
  }

  /**
   * out_b = X_b · Y_bᵀ for b < batch (X_b m × dim, Y_b n × dim, out_b m × n, each batch stored
   * contiguously), split into tiles that the calling thread and every ready worker claim until
   * none is left. Returns when all tiles are done.
   */
  batchGemmNT(x: number, y: number, out: number, batch: number, m: number, n: number, dim: number): void {
    const rows = batch * m;
    if (rows === 0 || n === 0) return;
    const ready = this.readyWorkers;
    if (ready === 0 || rows * n * dim < 1 << 16) {
      this.run(0, [x, y, out, batch, m, n, dim, 1, 1], 1);
      return;
    }
    const target = 4 * (ready + 1);
    const rowChunks = Math.min(Math.ceil(rows / 2), target);
    const colChunks = rowChunks >= target ? 1 : Math.min(Math.ceil(n / 64), Math.ceil(target / rowChunks));
    this.run(0, [x, y, out, batch, m, n, dim, rowChunks, colChunks], rowChunks * colChunks);
  }

  /**
   * Softmax cross-entropy of `n` rows of `classes` logits at `logits` (plus `bias`, `classes`
   * values added to each row in place first; 0 for none) against int32 `labels`: writes each
   * row's loss (log Σ e^x − x_label, f32) at `losses` and scale · (softmax − onehot) at `grad`
   * (which may be `logits`). Exponentials are a four-lane polynomial (relative error
   * < 2e-7); rows are split across threads.
   */
  softmaxXent(
    logits: number,
    n: number,
    classes: number,
    labels: number,
    losses: number,
    grad: number,
    scale: number,
    bias = 0,
  ): void {
    if (n === 0) return;
    const scaleBits = f32Bits(scale);
    const chunks =
      this.readyWorkers === 0 || n * classes < 1 << 14 ? 1 : Math.min(n, 4 * (this.readyWorkers + 1));
    this.run(1, [logits, n, classes, bias, labels, losses, grad, scaleBits, chunks], chunks);
  }

  /**
   * dst_b = src_bᵀ for b < batch (each src_b rows × cols, f32), in 4 × 4 SIMD blocks inside
   * 32 × 32 cache blocks, split across threads. `dst` must not overlap `src`.
   */
  transpose(src: number, batch: number, rows: number, cols: number, dst: number): void {
    const total = batch * rows;
    if (total === 0 || cols === 0) return;
    const chunks =
      this.readyWorkers === 0 || total * cols < 1 << 16
        ? 1
        : Math.min(Math.ceil(total / 4), 4 * (this.readyWorkers + 1));
    this.run(2, [src, batch, rows, cols, dst, chunks], chunks);
  }

  /**
   * k-sub-embedding decoder logits: out[i, v] = Σ_j P_j[i, codes_j[v]] for n rows and `classes`
   * columns. `parts` points at k (pointer, rows) int32 pairs describing the P_j (n × rows_j each);
   * `codes` at k × classes int32 (table j's codes contiguous). Rows are split across threads.
   */
  gatherSum(parts: number, k: number, n: number, classes: number, codes: number, out: number): void {
    this.run(
      3,
      [parts, k, n, classes, codes, out, this.rowChunks(n, classes * k)],
      this.rowChunks(n, classes * k),
    );
  }

  /**
   * The gradient of {@link SimdKernel.gatherSum}: dP_j[i, r] = Σ_{v: codes_j[v] = r} grad[i, v],
   * written to the matrices `parts` describes (zeroed first).
   */
  scatter(grad: number, k: number, n: number, classes: number, codes: number, parts: number): void {
    this.run(
      4,
      [grad, k, n, classes, codes, parts, this.rowChunks(n, classes * k)],
      this.rowChunks(n, classes * k),
    );
  }

  /**
   * Attention probabilities for `rows` rows of `seqLength` scores (f32 at `scores`; rows ordered
   * batch, head, query): writes the softmax over each row's unmasked keys to `probs` (a row whose
   * keys are all masked gets zeros) and overwrites `scores` with the probabilities after dropout.
   * `mask` holds batch · seqLength int32 values, 0 for a masked key. Dropout keeps flat entry i when
   * the 32-bit hash of (seed, i) is at least `threshold` (unsigned; 0 = no dropout) and scales kept
   * entries by `keepScale`. Exponentials are the four-lane polynomial; rows are split across
   * threads.
   */
  attentionSoftmax(
    scores: number,
    probs: number,
    mask: number,
    rows: number,
    heads: number,
    seqLength: number,
    seed: number,
    threshold: number,
    keepScale: number,
  ): void {
    if (rows === 0) return;
    const chunks = this.rowChunks(rows, seqLength * 16);
    this.run(
      5,
      [scores, probs, mask, rows, heads, seqLength, seed | 0, threshold | 0, f32Bits(keepScale), chunks],
      chunks,
    );
  }

  /**
   * The gradient of {@link SimdKernel.attentionSoftmax}, in place: `grad` holds dL/d(dropped
   * probabilities) for `rows` rows of `seqLength`, and becomes dL/d(scores) = P ⊙ (g − Σ_j g_j P_j)
   * with g the gradient through the same dropout mask and P the probabilities at `probs`.
   */
  attentionSoftmaxGrad(
    grad: number,
    probs: number,
    rows: number,
    seqLength: number,
    seed: number,
    threshold: number,
    keepScale: number,
  ): void {
    if (rows === 0) return;
    const chunks = this.rowChunks(rows, seqLength * 8);
    this.run(6, [grad, probs, rows, seqLength, seed | 0, threshold | 0, f32Bits(keepScale), chunks], chunks);
  }

  /**
   * Bias + exact GELU over `rows` × `cols` (f32): z ← z + bias (in place: the pre-activation, kept
   * for {@link SimdKernel.geluGrad}) and out = ½ z (1 + erf(z / √2)), erf by Abramowitz & Stegun
   * 7.1.26 (absolute error < 1.5e-7, as TF.js's Erf). `bias` holds `cols` values (0 = none). Rows
   * are split across threads.
   */
  biasGelu(z: number, bias: number, out: number, rows: number, cols: number): void {
    if (rows === 0 || cols === 0) return;
    const chunks = this.rowChunks(rows, cols * 8);
    this.run(7, [z, bias, out, rows, cols, chunks], chunks);
  }

  /** GELU's gradient, in place: grad ← grad · (Φ(z) + z φ(z)) for `n` values of pre-activation z. */
  geluGrad(z: number, grad: number, n: number): void {
    if (n === 0) return;
    const chunks = this.rowChunks(n, 8);
    this.run(8, [z, grad, n, chunks], chunks);
  }

  /**
   * LayerNorm over the last axis of s = x + residual (`rows` × `cols`; residual 0 = none): writes
   * out = xhat · gamma + beta, overwrites x with xhat = (s − mean) / √(var + eps) (biased variance)
   * and writes each row's 1 / √(var + eps) to `rstd` (both kept for {@link SimdKernel.layerNormGrad}).
   */
  addLayerNorm(
    x: number,
    residual: number,
    gamma: number,
    beta: number,
    out: number,
    rstd: number,
    rows: number,
    cols: number,
    eps: number,
  ): void {
    if (rows === 0 || cols === 0) return;
    const chunks = this.rowChunks(rows, cols * 4);
    this.run(9, [x, residual, gamma, beta, out, rstd, rows, cols, f32Bits(eps), chunks], chunks);
  }

  /**
   * LayerNorm's input gradient, in place over dy: with g = dy · gamma,
   * ds = rstd · (g − mean(g) − xhat · mean(g · xhat)) per row (xhat and rstd from
   * {@link SimdKernel.addLayerNorm}).
   */
  layerNormGrad(dy: number, xhat: number, gamma: number, rstd: number, rows: number, cols: number): void {
    if (rows === 0 || cols === 0) return;
    const chunks = this.rowChunks(rows, cols * 4);
    this.run(10, [dy, xhat, gamma, rstd, rows, cols, chunks], chunks);
  }

  /**
   * One AdamW update of `n` parameters at `p` from gradients at `g`, moments `m` and `v` updated in
   * place: m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², p ← p · decay − stepSize · m / (√(v ·
   * invC2) + ε). With bias correction, stepSize = lr / (1 − β1ᵗ) and invC2 = 1 / (1 − β2ᵗ);
   * decoupled weight decay is decay = 1 − lr · λ. Split across threads.
   */
  adamw(
    p: number,
    g: number,
    m: number,
    v: number,
    n: number,
    hyper: { decay: number; beta1: number; beta2: number; stepSize: number; invC2: number; epsilon: number },
  ): void {
    if (n === 0) return;
    const chunks = this.rowChunks(n, 4);
    const bits = [hyper.decay, hyper.beta1, hyper.beta2, hyper.stepSize, hyper.invC2, hyper.epsilon].map(
      f32Bits,
    );
    this.run(11, [p, g, m, v, n, ...bits, chunks], chunks);
  }

  /** Chunks for a row-parallel op over n rows of `work` units each. */
  private rowChunks(n: number, work: number): number {
    return this.readyWorkers === 0 || n * work < 1 << 16 ? 1 : Math.min(n, 4 * (this.readyWorkers + 1));
  }

  /**
   * Runs chunks 0 … total − 1 of op `op`: the calling thread and every ready worker claim chunks
   * until none is left; returns when all are done.
   */
  private run(op: number, args: number[], total: number): void {
    const fn = this.ops[op] as ChunkFunction;
    if (args.length !== OP_ARITY[op])
      throw new Error(`SimdKernel: op ${OPS[op]} takes ${OP_ARITY[op]} arguments`);
    if (total === 1) {
      fn(...args, 0);
      return;
    }
    const ctrl = this.control;
    Atomics.store(ctrl, CONTROL.OP, op);
    args.forEach((v, i) => Atomics.store(ctrl, CONTROL.ARGS + i, v));
    Atomics.store(ctrl, CONTROL.CHUNKS, total);
    Atomics.store(ctrl, CONTROL.DONE, 0);
    Atomics.store(ctrl, CONTROL.NEXT, 0);
    Atomics.add(ctrl, CONTROL.GEN, 1);
    Atomics.notify(ctrl, CONTROL.GEN);
    for (;;) {
      const c = Atomics.add(ctrl, CONTROL.NEXT, 1);
      if (c >= total) break;
      fn(...args, c);
      Atomics.add(ctrl, CONTROL.DONE, 1);
    }
    for (let done = Atomics.load(ctrl, CONTROL.DONE); done < total; done = Atomics.load(ctrl, CONTROL.DONE))
      Atomics.wait(ctrl, CONTROL.DONE, done);
    Atomics.store(ctrl, CONTROL.NEXT, PARKED);
  }

  /** Stops the worker threads; the kernel still runs products on the calling thread. */
  dispose(): Promise<void> {
    Atomics.store(this.control, CONTROL.STOP, 1);
    Atomics.add(this.control, CONTROL.GEN, 1);
    Atomics.notify(this.control, CONTROL.GEN);
    Atomics.store(this.control, CONTROL.READY, 0);
    const exits = this.workers.map((w) => w.terminate().then(() => undefined));
    this.workers.length = 0;
    return Promise.all(exits).then(() => undefined);
  }
}
