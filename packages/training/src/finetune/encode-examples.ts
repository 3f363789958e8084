import type { Example } from '@ksub/evaluation';
import type { Tokenizer } from '@ksub/tokenizers';
import type { EncoderInput } from '@ksub/transformer';

/** Token ids of each example (`<s> A </s>` or `<s> A </s></s> B </s>`), truncated to maxLength. */
export function encodeExamples(
  examples: readonly Example[],
  tokenizer: Tokenizer,
  maxLength: number,
): Int32Array[] {
  return examples.map((e) =>
    e.textPair === undefined
      ? tokenizer.encode(e.text, { maxLength })
      : tokenizer.encodePair(e.text, e.textPair, { maxLength }),
  );
}

/** A padded batch of encoded examples (padded to the longest) with its attention mask. */
export function collateSequences(sequences: readonly Int32Array[], padId: number): EncoderInput {
  const seqLength = Math.max(...sequences.map((s) => s.length));
  const batchSize = sequences.length;
  const inputIds = new Int32Array(batchSize * seqLength).fill(padId);
  const attentionMask = new Int32Array(batchSize * seqLength);
  sequences.forEach((s, b) => {
    inputIds.set(s, b * seqLength);
    attentionMask.fill(1, b * seqLength, b * seqLength + s.length);
  });
  return { batchSize, seqLength, inputIds, attentionMask };
}
