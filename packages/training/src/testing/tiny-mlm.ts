import { Rng } from '@ksub/core';
import { presetConfig, validateConfig } from '@ksub/transformer';

/** The vocabulary of the tiny masked-LM fixture: ids 0–3 special, 4–39 words. */
export const TINY_VOCAB = 40;

/** A one-layer, 8-wide encoder over {@link TINY_VOCAB} tokens: MLM specs run it in milliseconds. */
export const TINY_MLM_CONFIG = validateConfig({
  ...presetConfig('tiny'),
  vocabSize: TINY_VOCAB,
  hidden: 8,
  layers: 1,
  heads: 2,
  intermediate: 16,
  maxPositions: 24,
});

/** The fixture's special ids (0 <s>, 1 <pad>, 2 </s>, 3 <mask>), as RoBERTa's layout. */
export const TINY_MLM_TOKENIZER = {
  specialIds: { bos: 0, cls: 0, pad: 1, eos: 2, sep: 2, unk: 3, mask: 3 },
  isSpecial: (id: number) => id < 4,
  vocabSize: TINY_VOCAB,
};

/** `count` sequences `<s> w… </s>` of 8–12 random words, the same for a seed. */
export function tinySequences(count: number, seed: number): Int32Array[] {
  const rng = Rng.fromSeed(seed);
  return Array.from({ length: count }, (_, i) =>
    Int32Array.from([0, ...Array.from({ length: 8 + (i % 5) }, () => 4 + rng.nextInt(TINY_VOCAB - 4)), 2]),
  );
}
