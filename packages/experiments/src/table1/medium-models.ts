import type { EncoderShape } from '@ksub/core';

/** A model configuration of the paper's Table 1 together with the k values to report. */
export interface Table1Model {
  /** Display name. */
  readonly name: string;
  /** Encoder sizes. */
  readonly shape: EncoderShape;
  /** Numbers of sub-embedding tables to report besides the full embedding. */
  readonly ks: readonly number[];
}

const medium = { hidden: 512, layers: 8, intermediate: 2048, maxPositions: 514, typeVocabSize: 1 } as const;

/**
 * The paper's RoBERTa-medium and XLM-R-medium (8 layers, hidden 512, FFN 2048, 514 positions;
 * vocabularies of RoBERTa, 50,265, and XLM-R, 250,002), with the k values of Table 1 plus the
 * k = 4 and k = 6 that Table 2 trains.
 */
export const TABLE1_MODELS: readonly Table1Model[] = [
  { name: 'RoBERTa-medium', shape: { vocabSize: 50265, ...medium }, ks: [2, 3, 4, 6, 8] },
  { name: 'XLM-R-medium', shape: { vocabSize: 250002, ...medium }, ks: [3] },
];

/** One row of the paper's Table 1, figures as printed. */
export interface PaperTable1Row {
  readonly model: string;
  /** Number of tables, or null for the full embedding. */
  readonly k: number | null;
  /** E, rows per table (for the full embedding: the vocabulary). */
  readonly rows: string;
  /** |θ_emb|. */
  readonly embeddingParams: string;
  /** |θ|. */
  readonly totalParams: string;
}

/** Table 1 of the k-sub-embedding paper, as printed (seeds/000, section 4.1.2). */
export const PAPER_TABLE1: readonly PaperTable1Row[] = [
  { model: 'RoBERTa-medium', k: null, rows: '50k', embeddingParams: '25.7M', totalParams: '51M' },
  { model: 'RoBERTa-medium', k: 2, rows: '225', embeddingParams: '115k', totalParams: '26M' },
  { model: 'RoBERTa-medium', k: 3, rows: '37', embeddingParams: '18.9k', totalParams: '26M' },
  { model: 'RoBERTa-medium', k: 8, rows: '4', embeddingParams: '2k', totalParams: '26M' },
  { model: 'XLM-R-medium', k: null, rows: '250k', embeddingParams: '128M', totalParams: '154M' },
  { model: 'XLM-R-medium', k: 3, rows: '63', embeddingParams: '32k', totalParams: '26M' },
];
