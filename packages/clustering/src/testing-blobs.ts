import { createEmbeddingMatrix, type EmbeddingMatrix, Rng } from '@ksub/core';

/**
 * Seeded Gaussian blobs for tests and benchmarks: `centres` centres drawn N(0, spread²) per
 * coordinate, rows N(centre, 1), blob sizes equal to within one, rows in random order. Returns the
 * matrix and each row's true centre.
 *
 * @example
 * ```ts
 * const { matrix, truth } = gaussianBlobs(1000, 8, 5, 1);
 * ```
 */
export function gaussianBlobs(
  rows: number,
  cols: number,
  centres: number,
  seed: number,
  spread = 10,
): { matrix: EmbeddingMatrix; truth: Int32Array } {
  const rng = Rng.fromSeed(seed);
  const c = Array.from({ length: centres }, () =>
    Float64Array.from({ length: cols }, () => rng.nextNormal() * spread),
  );
  const data = new Float32Array(rows * cols);
  const truth = new Int32Array(rows);
  // balanced blobs in shuffled row order, so row ids carry no information about the blob
  const order = rng.permutation(rows);
  for (let i = 0; i < rows; i++) {
    const j = (order[i] as number) % centres;
    truth[i] = j;
    const centre = c[j] as Float64Array;
    for (let d = 0; d < cols; d++) data[i * cols + d] = (centre[d] as number) + rng.nextNormal();
  }
  return { matrix: createEmbeddingMatrix(rows, cols, data), truth };
}
