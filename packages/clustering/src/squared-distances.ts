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

/** Rows per block: a block of rows and all centroids stay in cache while their dot products run. */
const BLOCK = 64;

/**
 * For every row of `data` (n × dim), the nearest of the k centroids (k × dim) and the squared
 * distance to it, computed the fast way: ‖x‖² − 2·x·c + ‖c‖², clamped at 0, in blocks of rows.
 * Writes `labels` and `best`; returns the number of labels that changed.
 */
export function assignNearest(
  data: Float32Array,
  n: number,
  dim: number,
  dataNorms: Float64Array,
  centroids: Float32Array,
  k: number,
  labels: Int32Array,
  best: Float64Array,
): number {
  const centroidNorms = rowSquaredNorms(centroids, k, dim);
  let changed = 0;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    for (let i = start; i < end; i++) {
      const xi = i * dim;
      let bestJ = 0;
      let bestD = Infinity;
      for (let j = 0; j < k; j++) {
        const cj = j * dim;
        let d0 = 0;
        let d1 = 0;
        let d2 = 0;
        let d3 = 0;
        let d = 0;
        for (; d + 3 < dim; d += 4) {
          d0 += (data[xi + d] as number) * (centroids[cj + d] as number);
          d1 += (data[xi + d + 1] as number) * (centroids[cj + d + 1] as number);
          d2 += (data[xi + d + 2] as number) * (centroids[cj + d + 2] as number);
          d3 += (data[xi + d + 3] as number) * (centroids[cj + d + 3] as number);
        }
        for (; d < dim; d++) d0 += (data[xi + d] as number) * (centroids[cj + d] as number);
        const dist = (centroidNorms[j] as number) - 2 * (d0 + d1 + d2 + d3);
        if (dist < bestD) {
          bestD = dist;
          bestJ = j;
        }
      }
      const sq = Math.max(0, (dataNorms[i] as number) + bestD);
      if (labels[i] !== bestJ) changed++;
      labels[i] = bestJ;
      best[i] = sq;
    }
  }
  return changed;
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

/**
 * All squared distances from the n rows to the k centroids, n × k row-major (Float32), computed
 * as ‖x‖² − 2x·c + ‖c‖² and clamped at 0.
 */
export function allSquaredDistances(
  data: Float32Array,
  n: number,
  dim: number,
  dataNorms: Float64Array,
  centroids: Float32Array,
  k: number,
): Float32Array {
  const centroidNorms = rowSquaredNorms(centroids, k, dim);
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    const xi = i * dim;
    for (let j = 0; j < k; j++) {
      const cj = j * dim;
      let d0 = 0;
      let d1 = 0;
      let d2 = 0;
      let d3 = 0;
      let d = 0;
      for (; d + 3 < dim; d += 4) {
        d0 += (data[xi + d] as number) * (centroids[cj + d] as number);
        d1 += (data[xi + d + 1] as number) * (centroids[cj + d + 1] as number);
        d2 += (data[xi + d + 2] as number) * (centroids[cj + d + 2] as number);
        d3 += (data[xi + d + 3] as number) * (centroids[cj + d + 3] as number);
      }
      for (; d < dim; d++) d0 += (data[xi + d] as number) * (centroids[cj + d] as number);
      out[i * k + j] = Math.max(
        0,
        (dataNorms[i] as number) + (centroidNorms[j] as number) - 2 * (d0 + d1 + d2 + d3),
      );
    }
  }
  return out;
}
