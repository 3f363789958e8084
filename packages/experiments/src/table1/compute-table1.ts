import { encoderParamCount } from '@ksub/core';
import { embeddingParams, getAllocator } from '@ksub/index-mapping';
import { agreesWithPaper } from '../report/paper-figure';
import { PAPER_TABLE1, type PaperTable1Row, TABLE1_MODELS, type Table1Model } from './medium-models';

/** Our figures for one Table 1 row, with the paper's beside them when it has the row. */
export interface Table1Row {
  readonly model: string;
  readonly vocabSize: number;
  /** Number of tables, or null for the full embedding. */
  readonly k: number | null;
  /** E: rows per table (the vocabulary for the full embedding). */
  readonly rows: number;
  /** |θ_emb|. */
  readonly embeddingParams: number;
  /** |θ| of the MLM model we train: embeddings + encoder + MLM head (tied decoder). */
  readonly totalParams: number;
  /** |θ| as Hugging Face's `RobertaModel` counts it: embeddings + encoder + pooler, no MLM head. */
  readonly totalParamsHfModel: number;
  /** The paper's row, or null where the paper has none (k = 4, 6). */
  readonly paper: PaperTable1Row | null;
  /** Per column: does our figure print as the paper's at its precision? null without a paper row. */
  readonly agrees: {
    readonly rows: boolean;
    readonly embeddingParams: boolean;
    readonly totalParams: boolean;
    readonly totalParamsHfModel: boolean;
  } | null;
}

/**
 * Computes Table 1: for each model, the full embedding and Algorithm 1 ("radix") k-sub-embeddings,
 * with rows per table from the real allocator, embedding parameters Σ rows·widths, and totals from
 * the analytic RoBERTa count.
 *
 * @param models - the configurations (default: the paper's two medium models)
 * @example
 * ```ts
 * const rows = await computeTable1();
 * rows.find((r) => r.k === 3 && r.vocabSize === 50265)?.embeddingParams; // 18944
 * ```
 */
export async function computeTable1(models: readonly Table1Model[] = TABLE1_MODELS): Promise<Table1Row[]> {
  const out: Table1Row[] = [];
  for (const model of models) {
    const { vocabSize, hidden } = model.shape;
    const variants: Array<{ k: number | null; rows: number; params: number }> = [
      { k: null, rows: vocabSize, params: vocabSize * hidden },
    ];
    for (const k of model.ks) {
      const allocation = await getAllocator('radix').allocate({
        numTokens: vocabSize,
        numTables: k,
        dim: hidden,
      });
      variants.push({ k, rows: Math.max(...allocation.rows), params: embeddingParams(allocation) });
    }
    for (const v of variants) {
      const counts = encoderParamCount(model.shape, v.params);
      const hfModel = counts.total - counts.mlmHead + counts.pooler;
      const paper = PAPER_TABLE1.find((p) => p.model === model.name && p.k === v.k) ?? null;
      out.push({
        model: model.name,
        vocabSize,
        k: v.k,
        rows: v.rows,
        embeddingParams: v.params,
        totalParams: counts.total,
        totalParamsHfModel: hfModel,
        paper,
        agrees:
          paper === null
            ? null
            : {
                rows: agreesWithPaper(v.rows, paper.rows),
                embeddingParams: agreesWithPaper(v.params, paper.embeddingParams),
                totalParams: agreesWithPaper(counts.total, paper.totalParams),
                totalParamsHfModel: agreesWithPaper(hfModel, paper.totalParams),
              },
      });
    }
  }
  return out;
}
