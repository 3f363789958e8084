import { assert, assertInteger, describe, type Rng } from '@ksub/core';
import type { SpecialTokenIds } from '@ksub/tokenizers';

/** A masked-language-modelling batch, row-major `[batchSize, seqLength]`. */
export interface MlmBatch {
  readonly batchSize: number;
  readonly seqLength: number;
  /** Input ids after masking, padded with `<pad>`. */
  readonly inputIds: Int32Array;
  /** 1 for real tokens, 0 for padding. */
  readonly attentionMask: Int32Array;
  /** Flat indices `b * seqLength + t` of the selected positions, ascending. */
  readonly maskedPositions: Int32Array;
  /** The original ids at `maskedPositions` (the prediction targets). */
  readonly labels: Int32Array;
}

/** Options of {@link collateMlm}. */
export interface MlmOptions {
  /** The tokenizer's special ids (`mask` and `pad` are used). */
  readonly specialIds: Pick<SpecialTokenIds, 'mask' | 'pad'>;
  /** Whether an id is special (never selected, never drawn as a random replacement). */
  readonly isSpecial: (id: number) => boolean;
  /** Vocabulary size, for random replacements. */
  readonly vocabSize: number;
  /** The seeded random stream (advanced by the call). */
  readonly rng: Rng;
  /** Share of non-special tokens selected (default 0.15). */
  readonly maskProbability?: number;
  /** Pad every row to this length (default: the longest sequence of the batch). */
  readonly padTo?: number;
}

/**
 * RoBERTa's MLM masking: in each sequence, ⌊p·n + u⌋ of its n non-special tokens are selected
 * (u uniform in [0, 1), fairseq's probabilistic rounding, so the expected count is exactly p·n);
 * of the selected, 80% become `<mask>`, 10% a random non-special token, 10% stay unchanged. All
 * draws come from `rng`, so a batch is reproducible from the stream's state.
 *
 * @throws RangeError for an empty batch, a probability outside (0, 1), or a row longer than `padTo`
 * @example
 * ```ts
 * const batch = collateMlm(sequences, { specialIds: tok.specialIds, isSpecial: (id) => tok.isSpecial(id),
 *   vocabSize: tok.vocabSize, rng: Rng.fromSeed(1) });
 * ```
 */
export function collateMlm(sequences: readonly Int32Array[], options: MlmOptions): MlmBatch {
  const fn = 'collateMlm';
  const p = options.maskProbability ?? 0.15;
  assert(
    Array.isArray(sequences) && sequences.length > 0,
    () => `${fn}: sequences must be a non-empty array; got ${describe(sequences)}`,
    RangeError,
  );
  assert(
    typeof p === 'number' && p > 0 && p < 1,
    () => `${fn}: maskProbability must be in (0, 1); got ${describe(p)}`,
    RangeError,
  );
  assertInteger(fn, 'vocabSize', options.vocabSize, { min: 2 });
  const longest = Math.max(...sequences.map((s) => s.length));
  const seqLength = options.padTo ?? longest;
  assertInteger(fn, 'padTo', seqLength, { min: 1 });
  assert(
    longest <= seqLength,
    () => `${fn}: a sequence of ${longest} tokens does not fit padTo = ${seqLength}`,
    RangeError,
  );

  const { rng, isSpecial, vocabSize } = options;
  const { mask, pad } = options.specialIds;
  const batchSize = sequences.length;
  const inputIds = new Int32Array(batchSize * seqLength).fill(pad);
  const attentionMask = new Int32Array(batchSize * seqLength);
  const positions: number[] = [];
  const labels: number[] = [];
  const candidates: number[] = [];

  sequences.forEach((seq, b) => {
    const base = b * seqLength;
    candidates.length = 0;
    for (let t = 0; t < seq.length; t++) {
      const id = seq[t] as number;
      inputIds[base + t] = id;
      attentionMask[base + t] = 1;
      if (!isSpecial(id)) candidates.push(t);
    }
    const k = Math.min(candidates.length, Math.floor(p * candidates.length + rng.nextFloat()));
    // partial Fisher–Yates: the first k entries become a uniform sample without replacement
    for (let i = 0; i < k; i++) {
      const j = i + rng.nextInt(candidates.length - i);
      const tmp = candidates[i] as number;
      candidates[i] = candidates[j] as number;
      candidates[j] = tmp;
    }
    const chosen = candidates.slice(0, k).sort((x, y) => x - y);
    for (const t of chosen) {
      const at = base + t;
      positions.push(at);
      labels.push(inputIds[at] as number);
      const r = rng.nextFloat();
      if (r < 0.8) {
        inputIds[at] = mask;
      } else if (r < 0.9) {
        let id: number;
        do id = rng.nextInt(vocabSize);
        while (isSpecial(id));
        inputIds[at] = id;
      }
    }
  });

  return {
    batchSize,
    seqLength,
    inputIds,
    attentionMask,
    maskedPositions: Int32Array.from(positions),
    labels: Int32Array.from(labels),
  };
}
