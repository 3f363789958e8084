import { Rng } from '@ksub/core';
import type { MlmInput } from '../masked-lm';

/**
 * A synthetic MLM batch for unit tests: `lengths[b]` real tokens per row (ids ≥ 3, padded with
 * padId 1), every third real position masked, labels the ids there.
 */
export function syntheticBatch(
  lengths: number[],
  seqLength: number,
  vocabSize: number,
  seed: number,
): MlmInput {
  const rng = Rng.fromSeed(seed);
  const batchSize = lengths.length;
  const inputIds = new Int32Array(batchSize * seqLength).fill(1);
  const attentionMask = new Int32Array(batchSize * seqLength);
  const masked: number[] = [];
  lengths.forEach((len, b) => {
    for (let t = 0; t < len; t++) {
      inputIds[b * seqLength + t] = 3 + rng.nextInt(vocabSize - 3);
      attentionMask[b * seqLength + t] = 1;
      if (t % 3 === 1) masked.push(b * seqLength + t);
    }
  });
  const maskedPositions = Int32Array.from(masked);
  return {
    batchSize,
    seqLength,
    inputIds,
    attentionMask,
    maskedPositions,
    labels: maskedPositions.map((i) => inputIds[i] as number),
  };
}
