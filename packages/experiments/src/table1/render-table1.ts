import { writeToString } from '@fast-csv/format';
import { formatCount } from '../report/paper-figure';
import type { Table1Row } from './compute-table1';

const mark = (agrees: boolean | undefined): string => (agrees === undefined ? '' : agrees ? ' ✓' : ' ✗');

/**
 * Renders Table 1 as Markdown: ours beside the paper's figures, ✓ where ours prints as the
 * paper's at its precision, ✗ where it does not, "—" where the paper has no such row.
 *
 * @example
 * ```ts
 * console.log(renderTable1Markdown(await computeTable1()));
 * ```
 */
export function renderTable1Markdown(rows: readonly Table1Row[]): string {
  const header =
    '| Model | embedding | E ours | E paper | θ_emb ours | θ_emb paper | θ ours (MLM) | θ ours (HF RobertaModel) | θ paper |\n' +
    '|---|---|---:|---:|---:|---:|---:|---:|---:|';
  const lines = rows.map((r) => {
    const p = r.paper;
    const a = r.agrees ?? undefined;
    const embedding = r.k === null ? 'full' : `${r.k}-sub (radix)`;
    return [
      r.model,
      embedding,
      `${r.rows.toLocaleString('en-US')}${mark(a?.rows)}`,
      p?.rows ?? '—',
      `${r.embeddingParams.toLocaleString('en-US')} (${formatCount(r.embeddingParams, 1)})${mark(a?.embeddingParams)}`,
      p?.embeddingParams ?? '—',
      `${r.totalParams.toLocaleString('en-US')} (${formatCount(r.totalParams, 2)})${mark(a?.totalParams)}`,
      `${r.totalParamsHfModel.toLocaleString('en-US')} (${formatCount(r.totalParamsHfModel, 2)})${mark(a?.totalParamsHfModel)}`,
      p?.totalParams ?? '—',
    ].join(' | ');
  });
  return `${header}\n${lines.map((l) => `| ${l} |`).join('\n')}\n`;
}

/**
 * Renders Table 1 as CSV (fast-csv), one row per model × embedding, with the paper's printed
 * figures and the agreement flags.
 *
 * @example
 * ```ts
 * await writeFileAtomic('docs/results/table1.csv', await renderTable1Csv(rows));
 * ```
 */
export async function renderTable1Csv(rows: readonly Table1Row[]): Promise<string> {
  const records = rows.map((r) => ({
    model: r.model,
    vocab_size: r.vocabSize,
    k: r.k ?? '',
    rows_per_table: r.rows,
    embedding_params: r.embeddingParams,
    total_params_mlm: r.totalParams,
    total_params_hf_model: r.totalParamsHfModel,
    paper_rows: r.paper?.rows ?? '',
    paper_embedding_params: r.paper?.embeddingParams ?? '',
    paper_total_params: r.paper?.totalParams ?? '',
    agrees_rows: r.agrees?.rows ?? '',
    agrees_embedding_params: r.agrees?.embeddingParams ?? '',
    agrees_total_mlm: r.agrees?.totalParams ?? '',
    agrees_total_hf_model: r.agrees?.totalParamsHfModel ?? '',
  }));
  return `${await writeToString(records, { headers: true })}\n`;
}
