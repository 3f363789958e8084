import type { Tensor } from '@tensorflow/tfjs-core';
import type { LowRankFactors } from '@ksub/core';
import type { FactorizedEmbedding } from '../../layers/factorized-embedding';

/**
 * The weights of a factorized embedding as {@link LowRankFactors}: A = its N × r table (U_rΣ_r
 * for truncated SVD, the codes for an AutoEncoder), B = its r × d projection, and its bias when it
 * has one. The arrays are copies; the layer keeps its weights (creating them if it had not yet).
 *
 * @param layer - the factorized embedding to read
 * @example
 * ```ts
 * const factors = factorizedToFactors(svdCompress(table, 16).embedding);
 * reconstructTable(factors); // the rank-16 table
 * ```
 */
export function factorizedToFactors(layer: FactorizedEmbedding): LowRankFactors {
  layer.createWeights();
  // getWeights hands out the variables themselves (table, projection, bias): read, never dispose
  const weights = layer.getWeights();
  const read = (i: number) => Float32Array.from((weights[i] as Tensor).dataSync());
  return {
    kind: 'low-rank',
    rows: layer.vocabSize,
    cols: layer.dim,
    rank: layer.rank,
    a: read(0),
    b: read(1),
    ...(layer.useBias ? { bias: read(2) } : {}),
  };
}
