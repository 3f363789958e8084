import { SimdKernel } from '@ksub/simd';

/**
 * Data matrices of fewer floats (n · dim) run on the calling thread: a worker takes longer to start
 * (it compiles the kernel; tenths of a second on a busy machine) than such a clustering takes.
 */
const PARALLEL_FLOATS = 1 << 18;
/** Rows per block on one thread: a block's rows stay in cache while the vectors pass. */
const SINGLE_BLOCK = 256;
/**
 * Multiply-adds per block when threads share the products (10–20 ms of one thread's work): 1,748
 * rows at Lloyd's k = 100 and 768 dims, many more for k-means++'s few candidates, so
 * that waking the workers and waiting for the last tile (long, when another process holds the core)
 * come seldom. The kernel cuts each block into 4 tiles per thread, a few hundred rows each.
 */
const SHARED_BLOCK_WORK = 1 << 27;

/**
 * Dot products of blocks of a fixed data matrix (n × dim, f32) against a small set of vectors
 * (centroids or k-means++ candidates): the hot loop of k-means.
 */
export interface DotEngine {
  /** `wasm` (SIMD kernel) or `js` (plain loops, the reference). */
  readonly backend: 'wasm' | 'js';
  /** Threads that share each block's products, the calling one included. */
  readonly threads: number;
  /**
   * Rows per {@link DotEngine.dots} call that suit `k` vectors: 256 on one thread; on several, as
   * many as make a block worth sharing. Any block size gives the same products.
   */
  blockRows(k: number): number;
  /**
   * Dot products of rows [start, start + count) with the k rows of `vectors` (k × dim): a
   * count × k row-major array, valid until the next call.
   */
  dots(start: number, count: number, vectors: Float32Array, k: number): Float32Array;
}

/** Options of {@link DotContext.create}; trusted (the public functions validate `threads`). */
export interface DotContextOptions {
  /** `wasm` or `js` (default: `js` when `KSUB_KMEANS_BACKEND=js`, else `wasm` where it runs). */
  readonly backend?: 'wasm' | 'js';
  /**
   * Threads that share the products, the calling one included (a positive integer; default 1).
   * Data under 2¹⁸ floats runs on one thread; where no worker can start (browsers), so does all.
   */
  readonly threads?: number;
}

class WasmDotEngine implements DotEngine {
  readonly backend = 'wasm';
  readonly threads: number;
  private readonly dataEnd: number;

  constructor(
    private readonly kernel: SimdKernel,
    private readonly isCurrent: () => boolean,
    data: Float32Array,
    n: number,
    private readonly dim: number,
  ) {
    this.threads = kernel.threads;
    kernel.ensure(n * dim * 4);
    kernel.f32(kernel.base, n * dim).set(data.subarray(0, n * dim));
    this.dataEnd = kernel.base + n * dim * 4;
  }

  blockRows(k: number): number {
    return this.threads === 1
      ? SINGLE_BLOCK
      : Math.max(SINGLE_BLOCK, Math.ceil(SHARED_BLOCK_WORK / (k * this.dim)));
  }

  dots(start: number, count: number, vectors: Float32Array, k: number): Float32Array {
    const { kernel, dim, dataEnd } = this;
    if (!this.isCurrent())
      throw new Error('DotEngine.dots: this engine was superseded by a later one of its DotContext');
    const outAt = dataEnd + k * dim * 4;
    kernel.ensure(outAt + count * k * 4 - kernel.base);
    kernel.f32(dataEnd, k * dim).set(vectors.subarray(0, k * dim));
    const x = kernel.base + start * dim * 4;
    // Every output is the same dot product (same order of additions) however the block is split
    // into tiles, so results do not depend on the thread count.
    if (this.threads === 1) kernel.gemmNT(x, count, dataEnd, k, dim, outAt);
    else kernel.batchGemmNT(x, dataEnd, outAt, 1, count, k, dim);
    return kernel.f32(outAt, count * k);
  }
}

class JsDotEngine implements DotEngine {
  readonly backend = 'js';
  readonly threads = 1;
  private out = new Float32Array(0);

  constructor(
    private readonly data: Float32Array,
    private readonly dim: number,
  ) {}

  blockRows(): number {
    return SINGLE_BLOCK;
  }

  dots(start: number, count: number, vectors: Float32Array, k: number): Float32Array {
    if (this.out.length < count * k) this.out = new Float32Array(count * k);
    const { data, dim } = this;
    for (let r = 0; r < count; r++) {
      const xi = (start + r) * dim;
      for (let j = 0; j < k; j++) {
        const cj = j * dim;
        let s = 0;
        for (let d = 0; d < dim; d++) s += (data[xi + d] as number) * (vectors[cj + d] as number);
        this.out[r * k + j] = s;
      }
    }
    return this.out.subarray(0, count * k);
  }
}

/** A kernel of `threads` threads, or undefined where the runtime refuses one (no SIMD, no workers). */
function tryKernel(threads: number): SimdKernel | undefined {
  try {
    return SimdKernel.create({ threads });
  } catch {
    return undefined;
  }
}

/**
 * The SIMD kernel (and its worker threads) that the dot engines of one clustering job share: a
 * k-means call, or every k-means of an allocation, so workers start once per job. One engine at a
 * time: {@link DotContext.engine} loads its data over the previous engine's, which then refuses to
 * run. Call {@link DotContext.dispose} when the job is done, to stop the workers.
 *
 * @example
 * ```ts
 * const context = DotContext.create({ threads: 2 });
 * try {
 *   const engine = context.engine(matrix.data, matrix.rows, matrix.cols);
 *   engine.dots(0, 256, centroids, 100); // 256 × 100 dot products
 * } finally {
 *   context.dispose();
 * }
 * ```
 */
export class DotContext {
  /** Threads asked for; engines over small data, or where no worker can start, use 1. */
  readonly threads: number;
  private kernel: SimdKernel | undefined;
  private workersRefused = false;
  private generation = 0;

  private constructor(
    /** `wasm` when the runtime has the SIMD kernel (and it was not refused), else `js`. */
    readonly backend: 'wasm' | 'js',
    threads: number,
    kernel: SimdKernel | undefined,
  ) {
    this.threads = threads;
    this.kernel = kernel;
  }

  /** A context; its first engine over data of 2¹⁸ floats or more starts the workers. */
  static create(options: DotContextOptions = {}): DotContext {
    // `process` is Node's; in a browser there is no environment to read.
    const setting = typeof process === 'undefined' ? undefined : process.env['KSUB_KMEANS_BACKEND'];
    const chosen = options.backend ?? (setting === 'js' ? 'js' : 'wasm');
    // without WebAssembly SIMD (or shared memory) the kernel is refused: plain JavaScript then
    const kernel = chosen === 'wasm' ? tryKernel(1) : undefined;
    return new DotContext(kernel === undefined ? 'js' : 'wasm', options.threads ?? 1, kernel);
  }

  /** Worker threads of the current kernel that have started (0 before any has). */
  get readyWorkers(): number {
    return this.kernel?.readyWorkers ?? 0;
  }

  /**
   * An engine over the n × dim rows of `data` (copied into the kernel's memory); the context's
   * previous engine stops working.
   */
  engine(data: Float32Array, n: number, dim: number): DotEngine {
    const generation = ++this.generation;
    if (this.backend === 'js') return new JsDotEngine(data, dim);
    const kernel = this.kernelFor(n * dim >= PARALLEL_FLOATS ? this.threads : 1);
    return new WasmDotEngine(kernel, () => this.generation === generation, data, n, dim);
  }

  /**
   * Starts the worker threads now, whatever the data size, and resolves once they are ready (or
   * after `timeoutMs`) with how many are; tests use it so that every block is shared. Engines made
   * before it stop working.
   */
  async ready(timeoutMs = 30_000): Promise<number> {
    this.generation++;
    if (this.backend === 'js') return 0;
    const wanted = this.kernelFor(this.threads).threads - 1;
    for (const until = Date.now() + timeoutMs; this.readyWorkers < wanted && Date.now() < until;)
      await new Promise((resolve) => setTimeout(resolve, 5));
    return this.readyWorkers;
  }

  /** Stops the workers and drops the kernel's memory; a later engine starts afresh. */
  dispose(): void {
    this.generation++;
    if (this.kernel !== undefined) void this.kernel.dispose();
    this.kernel = undefined;
  }

  /**
   * The kernel, with `threads` threads where workers can start: a one-thread kernel is replaced
   * when more are wanted (a kernel with workers serves any later engine).
   */
  private kernelFor(threads: number): SimdKernel {
    const current = this.kernel;
    if (current !== undefined && (threads === 1 || current.threads > 1 || this.workersRefused))
      return current;
    const shared = threads > 1 && !this.workersRefused ? tryKernel(threads) : undefined;
    if (threads > 1 && shared === undefined) this.workersRefused = true;
    // the backend was probed in `create`, so a one-thread kernel cannot be refused here
    const kernel = shared ?? current ?? (tryKernel(1) as SimdKernel);
    this.kernel = kernel;
    return kernel;
  }
}
