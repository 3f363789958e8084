import { SimdKernel } from '@ksub/simd';

/**
 * Dot products of blocks of a fixed data matrix (n × dim, f32) against a small set of vectors
 * (centroids or k-means++ candidates): the hot loop of k-means.
 */
export interface DotEngine {
  /** `wasm` (SIMD kernel) or `js` (plain loops, the reference). */
  readonly backend: 'wasm' | 'js';
  /**
   * Dot products of rows [start, start + count) with the k rows of `vectors` (k × dim): a
   * count × k row-major array, valid until the next call.
   */
  dots(start: number, count: number, vectors: Float32Array, k: number): Float32Array;
}

class WasmDotEngine implements DotEngine {
  readonly backend = 'wasm';
  private readonly kernel: SimdKernel;
  private readonly dataEnd: number;

  constructor(
    data: Float32Array,
    n: number,
    private readonly dim: number,
  ) {
    // one thread: k-means calls this engine for many small blocks, where handing work to threads
    // costs more than it saves
    this.kernel = SimdKernel.create({ threads: 1 });
    this.kernel.ensure(n * dim * 4);
    this.kernel.f32(this.kernel.base, n * dim).set(data.subarray(0, n * dim));
    this.dataEnd = this.kernel.base + n * dim * 4;
  }

  dots(start: number, count: number, vectors: Float32Array, k: number): Float32Array {
    const { kernel, dim, dataEnd } = this;
    const outAt = dataEnd + k * dim * 4;
    kernel.ensure(outAt + count * k * 4 - kernel.base);
    kernel.f32(dataEnd, k * dim).set(vectors.subarray(0, k * dim));
    kernel.gemmNT(kernel.base + start * dim * 4, count, dataEnd, k, dim, outAt);
    return kernel.f32(outAt, count * k);
  }
}

class JsDotEngine implements DotEngine {
  readonly backend = 'js';
  private out = new Float32Array(0);

  constructor(
    private readonly data: Float32Array,
    private readonly dim: number,
  ) {}

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

/**
 * The dot-product engine for a data matrix: the WebAssembly SIMD kernel (compiled from
 * `@ksub/simd`, compiled with AssemblyScript; 2 rows × 4 vectors per register block) when the
 * runtime supports it, else plain JavaScript. `KSUB_KMEANS_BACKEND=js` forces the latter.
 *
 * @example
 * ```ts
 * const engine = createDotEngine(matrix.data, matrix.rows, matrix.cols);
 * engine.dots(0, 256, centroids, 100); // 256 × 100 dot products
 * ```
 */
export function createDotEngine(
  data: Float32Array,
  n: number,
  dim: number,
  backend?: 'wasm' | 'js',
): DotEngine {
  // `process` is Node's; in a browser there is no environment to read.
  const setting = typeof process === 'undefined' ? undefined : process.env['KSUB_KMEANS_BACKEND'];
  const chosen = backend ?? (setting === 'js' ? 'js' : 'wasm');
  if (chosen === 'wasm') {
    try {
      return new WasmDotEngine(data, n, dim);
    } catch {
      // no WebAssembly SIMD here: fall back to plain JavaScript
    }
  }
  return new JsDotEngine(data, dim);
}
