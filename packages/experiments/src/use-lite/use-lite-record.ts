/** A value with its 95% interval. */
export interface Interval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** A probe's result on one task. */
export interface ProbeResult {
  readonly task: string;
  readonly metric: 'accuracy' | 'f1';
  /** L2 strength chosen on dev. */
  readonly l2: number;
  readonly dev: number;
  /** Test score, percentile bootstrap over the test examples. */
  readonly test: Interval;
  /** Test score minus the uncompressed model's, paired bootstrap over the same examples. */
  readonly delta?: Interval;
}

/**
 * One row of the USE-lite study: a model (the uncompressed graph, the bag-of-words control, or a
 * compressed table) with its size and what it scores.
 */
export interface UseLiteRecord {
  /** `original`, `bag-of-words` or a table compressor's name. */
  readonly method: string;
  /** Compression ratio asked for (table bytes / budget); 1 for the original, 0 for bag-of-words. */
  readonly ratio: number;
  /** The sizes the compressor chose (`rank=24`, `k=8 m=17`). */
  readonly settings: string;
  /** Floats stored for the table. */
  readonly parameters: number;
  /** Bytes of the stored table: floats (4 bytes) plus codes. */
  readonly bytes: number;
  /** Table bytes of the original / `bytes`. */
  readonly achievedRatio: number;
  /** Seconds the compression took. */
  readonly seconds: number;
  /** Mean cosine between original and compressed table rows (interval over rows). */
  readonly tableCosine?: Interval;
  /** ‖E − Ê‖_F / ‖E‖_F. */
  readonly relativeError?: number;
  /** Mean cosine between the original and compressed model's sentence vectors (interval over sentences). */
  readonly sentenceCosine?: Interval;
  readonly probes: readonly ProbeResult[];
  /** Paraphrase ranking AUC of the pair cosines (stratified bootstrap), and its paired Δ to the original. */
  readonly paraphrase?: { readonly auc: Interval; readonly delta?: Interval };
}

/** The key of a record in the results file (one row per method and ratio). */
export const recordKey = (r: Pick<UseLiteRecord, 'method' | 'ratio'>) => `${r.method}@${r.ratio}`;
