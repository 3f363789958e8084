/**
 * The unigram baseline of masked-token prediction: add-one-smoothed token frequencies of the
 * training sequences (special tokens excluded), and the mean −log p(label) they give — what a
 * model that ignores context can reach, the bar an MLM's loss must fall well below.
 */
export class UnigramBaseline {
  private readonly logProb: Float64Array;

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
  }

  /** Σ −log p(label) over `labels`. */
  lossSum(labels: Int32Array): number {
    let sum = 0;
    for (const id of labels) sum -= this.logProb[id] as number;
    return sum;
  }
}
