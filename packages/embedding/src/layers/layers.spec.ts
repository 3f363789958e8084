import { describeTokenEmbeddingConformance } from '../testing';
import { FactorizedEmbedding } from './factorized-embedding';
import { FullEmbedding } from './full-embedding';
import { KSubEmbedding } from './ksub-embedding';
import '../register';

// 7 tokens, k = 2 tables of 3 rows, widths 2 + 3 (d = 5): codes are unique pairs.
const allocation = {
  numTokens: 7,
  numTables: 2,
  rows: [3, 3],
  widths: [2, 3],
  codes: Int32Array.of(0, 0, 0, 1, 0, 2, 1, 0, 1, 1, 2, 0, 2, 2),
  method: 'manual',
};

describeTokenEmbeddingConformance(
  'FullEmbedding',
  () => new FullEmbedding({ vocabSize: 7, dim: 5, seed: 1 }),
  {
    paramCount: 7 * 5,
  },
);
describeTokenEmbeddingConformance('KSubEmbedding', () => new KSubEmbedding({ allocation, seed: 1 }), {
  paramCount: 3 * 2 + 3 * 3,
});
describeTokenEmbeddingConformance(
  'FactorizedEmbedding',
  () => new FactorizedEmbedding({ vocabSize: 7, dim: 5, rank: 2, bias: true, seed: 1 }),
  { paramCount: 7 * 2 + 2 * 5 + 5 },
);
