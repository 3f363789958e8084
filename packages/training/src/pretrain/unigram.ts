/**
 * The unigram baseline of masked-token prediction: add-one-smoothed token frequencies of the
 * training sequences (special tokens excluded), and the mean −log p(label) they give — what a
 * model that ignores context can reach, the bar an MLM's loss must fall well below.
 *
 * @example
 * ```ts
 * const unigram = new UnigramBaseline(train, tokenizer.vocabSize, (id) => tokenizer.isSpecial(id));
 * unigram.lossSum(batch.labels) / batch.labels.length; // its mean loss on a batch
 * ```
 */
export class UnigramBaseline {
  private readonly logProb: Float64Array;
  /**
   * Its top-1 prediction at every position: the most frequent non-special token (the lowest id
   * among equals; the lowest non-special id when nothing was counted), −1 when every id is special.
   */
  readonly mostFrequent: number;

  constructor(sequences: readonly Int32Array[], vocabSize: number, isSpecial: (id: number) => boolean) {
    const counts = new Float64Array(vocabSize);
    let total = 0;
    for (const s of sequences)
      for (const id of s)
        if (!isSpecial(id)) {
          counts[id] = (counts[id] as number) + 1;
          total++;
        }
    this.logProb = counts.map((c) => Math.log((c + 1) / (total + vocabSize)));
    let best = -1;
    for (let id = 0; id < vocabSize; id++)
      if (!isSpecial(id) && (best < 0 || (counts[id] as number) > (counts[best] as number))) best = id;
    this.mostFrequent = best;
  }

  /** −log p(id). */
  loss(id: number): number {
    return -(this.logProb[id] as number);
  }

  /** Σ −log p(label) over `labels`. */
  lossSum(labels: Int32Array): number {
    let sum = 0;
    for (const id of labels) sum -= this.logProb[id] as number;
    return sum;
  }

  /** How many of `labels` its top-1 ({@link UnigramBaseline.mostFrequent}) gets right. */
  correctCount(labels: Int32Array): number {
    let n = 0;
    for (const id of labels) if (id === this.mostFrequent) n++;
    return n;
  }
}
