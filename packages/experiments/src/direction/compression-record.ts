/** Masked-LM quality as the seed-001 records keep it. */
export interface MlmQuality {
  readonly loss: number;
  readonly perplexity: number;
  readonly accuracy: number;
}

/**
 * What a seed-001 `compress` cell writes (`docs/results/<preset>/direction/<method>-r<r>.json`):
 * the compressor, how well it reproduces the matrix, and the model's masked-LM quality right after
 * the swap beside the uncompressed baseline's on the same masked positions.
 */
export interface CompressionRecord {
  readonly method: string;
  /** Code size r. */
  readonly rank: number;
  /** The compression ratio r was derived from. */
  readonly targetRatio: number;
  /** Parameters of the compressed embedding, and of the full one it replaces (N·d). */
  readonly params: number;
  readonly fullParams: number;
  /** N·d / params. */
  readonly ratio: number;
  /** Mean over tokens of cos(ê, e). */
  readonly meanCosine: number;
  /** ‖Ê − E‖_F / ‖E‖_F. */
  readonly relativeFrobenius: number;
  readonly baseline: MlmQuality;
  readonly swapped: MlmQuality;
  /** The unigram baseline's loss on the same positions. */
  readonly unigramLoss: number;
  readonly positions: number;
  /** AutoEncoder training loss per epoch (empty for SVD). */
  readonly history: readonly number[];
  /** Where and how the record was made. */
  readonly provenance: {
    readonly commit: string;
    readonly preset: string;
    readonly seed: number;
    readonly backend: string;
    readonly compressSeconds: number;
    readonly wallSeconds: number;
    readonly date: string;
  };
}
