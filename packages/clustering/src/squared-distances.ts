import type { DotContext, DotEngine } from './dot-engine';

/**
 * A data matrix made ready for blocked squared distances: the rows, their squared norms and the
 * dot-product engine over them. Built once per clustering and passed whole, in place of five
 * positional parameters; the loops below read it into locals first, so the hot paths are unchanged.
 */
export interface PreparedRows {
  /** Blocked dot products of the rows against small sets of vectors. */
  readonly engine: DotEngine;
  /** The n × dim rows, row-major. */
  readonly data: Float32Array;
  /** ‖row‖² of each row (length n). */
  readonly norms: Float64Array;
  /** Number of rows. */
  readonly n: number;
  /** Columns per row. */
  readonly dim: number;
}

/**
 * Squared Euclidean norms of the rows of a row-major n × dim matrix.
 */
export function rowSquaredNorms(data: Float32Array, n: number, dim: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const base = i * dim;
    for (let d = 0; d < dim; d++) {
      const v = data[base + d] as number;
      s += v * v;
    }
    out[i] = s;
  }
  return out;
}

/**
 * The {@link PreparedRows} of a row-major n × dim matrix, its engine from `context` (whose previous
 * engine, and so any rows prepared before, stop working).
 */
export function prepareRows(context: DotContext, data: Float32Array, n: number, dim: number): PreparedRows {
  return { engine: context.engine(data, n, dim), data, norms: rowSquaredNorms(data, n, dim), n, dim };
}

/**
 * For every data row, the nearest of the k centroids (k × dim, row-major) and the squared distance
 * to it, computed the fast way, ‖x‖² − 2·x·c + ‖c‖² (clamped at 0), with the engine's blocked dot
 * products. Writes `labels` and `best` (length n each); returns how many labels changed. The
 * outputs stay positional: they are the caller's reused buffers, distinct in type.
 */
export function assignNearest(
  rows: PreparedRows,
  centroids: Float32Array,
  k: number,
  labels: Int32Array,
  best: Float64Array,
): number {
  const { engine, norms: dataNorms, n, dim } = rows;
  const centroidNorms = rowSquaredNorms(centroids, k, dim);
  let changed = 0;
  const block = engine.blockRows(k);
  for (let start = 0; start < n; start += block) {
    const count = Math.min(block, n - start);
    const dots = engine.dots(start, count, centroids, k);
    for (let r = 0; r < count; r++) {
      let bestJ = 0;
      let bestD = Infinity;
      for (let j = 0; j < k; j++) {
        const d = (centroidNorms[j] as number) - 2 * (dots[r * k + j] as number);
        if (d < bestD) {
          bestD = d;
          bestJ = j;
        }
      }
      const i = start + r;
      if (labels[i] !== bestJ) changed++;
      labels[i] = bestJ;
      best[i] = Math.max(0, (dataNorms[i] as number) + bestD);
    }
  }
  return changed;
}

/**
 * All squared distances from the n data rows to the k centroids (k × dim, row-major), n × k
 * row-major (Float32), clamped at 0.
 */
export function allSquaredDistances(rows: PreparedRows, centroids: Float32Array, k: number): Float32Array {
  const { engine, norms: dataNorms, n, dim } = rows;
  const centroidNorms = rowSquaredNorms(centroids, k, dim);
  const out = new Float32Array(n * k);
  const block = engine.blockRows(k);
  for (let start = 0; start < n; start += block) {
    const count = Math.min(block, n - start);
    const dots = engine.dots(start, count, centroids, k);
    for (let r = 0; r < count; r++) {
      const ni = dataNorms[start + r] as number;
      for (let j = 0; j < k; j++) {
        out[(start + r) * k + j] = Math.max(
          0,
          ni + (centroidNorms[j] as number) - 2 * (dots[r * k + j] as number),
        );
      }
    }
  }
  return out;
}

/** Squared distance between row i of `a` and row j of `b` (both with `dim` columns). */
export function squaredDistance(a: Float32Array, i: number, b: Float32Array, j: number, dim: number): number {
  let s = 0;
  const ai = i * dim;
  const bj = j * dim;
  for (let d = 0; d < dim; d++) {
    const diff = (a[ai + d] as number) - (b[bj + d] as number);
    s += diff * diff;
  }
  return s;
}
