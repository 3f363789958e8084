import type { Allocation } from '@ksub/core';
import { FactorizedEmbedding, FullEmbedding, KSubEmbedding } from '@ksub/embedding';
import type { TransformerConfig } from './config';
import type { EmbeddingLayer } from './encoder';

/** Which token embedding a model uses. */
export type EmbeddingSpec =
  | { readonly kind: 'full' }
  | { readonly kind: 'ksub'; readonly allocation: Allocation }
  | {
      readonly kind: 'factorized';
      readonly rank: number;
      /** A d-vector bias after the projection, as the AutoEncoder's decoder has (default false). */
      readonly bias?: boolean;
    };

/**
 * The token-embedding layer for a spec at the config's vocabulary and width, initialised
 * normal(0, config.initStddev) from `seed`.
 *
 * @throws TypeError naming `spec.kind` when it is unknown; the layers' own errors (e.g. an
 *   allocation whose widths do not sum to the hidden size).
 */
export function createEmbedding(
  spec: EmbeddingSpec,
  config: TransformerConfig,
  seed: number,
): EmbeddingLayer {
  const init = { initStddev: config.initStddev, seed };
  switch (spec.kind) {
    case 'full':
      return new FullEmbedding({ vocabSize: config.vocabSize, dim: config.hidden, ...init });
    case 'ksub':
      return new KSubEmbedding({ allocation: spec.allocation, dim: config.hidden, ...init });
    case 'factorized':
      return new FactorizedEmbedding({
        vocabSize: config.vocabSize,
        dim: config.hidden,
        rank: spec.rank,
        bias: spec.bias ?? false,
        ...init,
      });
    default:
      throw new TypeError(
        `createEmbedding: spec.kind must be full, ksub or factorized; got ${JSON.stringify((spec as { kind: unknown }).kind)}`,
      );
  }
}
