import './webassembly-types';
import { DOT_BLOCK_WASM } from './wasm/dot-block-wasm';

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

const PAGE = 65536;
const RESERVED = PAGE; // the kernel's own static data lives below this offset

class WasmDotEngine implements DotEngine {
  readonly backend = 'wasm';
  private readonly memory: WebAssembly.Memory;
  private readonly dotBlock: (
    x: number,
    rows: number,
    c: number,
    k: number,
    dim: number,
    out: number,
  ) => void;
  private readonly dataBytes: number;

  constructor(
    data: Float32Array,
    private readonly n: number,
    private readonly dim: number,
  ) {
    this.dataBytes = n * dim * 4;
    this.memory = new WebAssembly.Memory({ initial: Math.ceil((RESERVED + this.dataBytes) / PAGE) + 1 });
    const module = new WebAssembly.Module(Buffer.from(DOT_BLOCK_WASM, 'base64'));
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    this.dotBlock = instance.exports['dotBlock'] as WasmDotEngine['dotBlock'];
    new Float32Array(this.memory.buffer, RESERVED, n * dim).set(data.subarray(0, n * dim));
  }

  dots(start: number, count: number, vectors: Float32Array, k: number): Float32Array {
    const vectorsAt = RESERVED + this.dataBytes;
    const outAt = vectorsAt + k * this.dim * 4;
    const end = outAt + count * k * 4;
    if (end > this.memory.buffer.byteLength)
      this.memory.grow(Math.ceil((end - this.memory.buffer.byteLength) / PAGE));
    new Float32Array(this.memory.buffer, vectorsAt, k * this.dim).set(vectors.subarray(0, k * this.dim));
    this.dotBlock(RESERVED + start * this.dim * 4, count, vectorsAt, k, this.dim, outAt);
    return new Float32Array(this.memory.buffer, outAt, count * k);
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
 * `assembly/dot-block.ts` with AssemblyScript; 2 rows × 4 vectors per register block) when the
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
  const chosen = backend ?? (process.env['KSUB_KMEANS_BACKEND'] === 'js' ? 'js' : 'wasm');
  if (chosen === 'wasm') {
    try {
      return new WasmDotEngine(data, n, dim);
    } catch {
      // no WebAssembly SIMD here: fall back to plain JavaScript
    }
  }
  return new JsDotEngine(data, dim);
}
