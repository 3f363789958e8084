import type { Table1Row } from './compute-table1';
import { renderTable1Markdown } from './render-table1';

/**
 * The full `docs/results/table1.md` page: the table, how each column is computed, and why the
 * one figure that differs differs.
 *
 * @example
 * ```ts
 * await writeFileAtomic('docs/results/table1.md', table1Report(await computeTable1()));
 * ```
 */
export function table1Report(rows: readonly Table1Row[]): string {
  const disagreements = rows.filter((r) => r.agrees !== null && !r.agrees.totalParams);
  const note = disagreements
    .map(
      (r) =>
        `- ${r.model}, ${r.k === null ? 'full' : `${r.k}-sub`}: our MLM count is ${r.totalParams.toLocaleString('en-US')}, ` +
        `which prints as ${Math.round(r.totalParams / 1e6)}M, not the paper's ${r.paper?.totalParams}. ` +
        `Hugging Face's \`RobertaModel\` count (encoder + pooler, no MLM head) is ${r.totalParamsHfModel.toLocaleString('en-US')}, ` +
        `which prints as ${r.paper?.totalParams}.`,
    )
    .join('\n');
  const first = rows[0];
  const headMinusPooler =
    first === undefined
      ? ''
      : `${(first.totalParams - first.totalParamsHfModel).toLocaleString('en-US')} for ${first.model}`;
  const kept = rows.flatMap((r) => {
    const full = rows.find((f) => f.model === r.model && f.k === null);
    return r.k === null || full === undefined ? [] : [r.embeddingParams / full.embeddingParams];
  });
  const pct = (x: number) => `${(100 * x).toFixed(3)}%`;
  const keptRange = kept.length === 0 ? 'all' : `${pct(Math.min(...kept))} to ${pct(Math.max(...kept))}`;
  return `# Table 1: parameters of the medium models

Reproduces Table 1 of the k-sub-embedding paper (seeds/000). Made by \`npx nx run experiments:table1\`.

${renderTable1Markdown(rows)}
✓: ours prints as the paper's figure at the paper's precision; ✗: it does not; —: the paper has no
such row (k = 4 and 6 appear only in Table 2).

How each column is computed:
- **E**: rows per table from the \`radix\` allocator (Algorithm 1), the smallest M with M^k ≥ |V|,
  computed exactly in integers (\`minimalRows\`).
- **θ_emb**: Σ_j rows_j · width_j with widths from \`splitWidth(512, k)\` (e.g. 171/171/170); all
  tables have M rows, so this is M · 512.
- **θ ours (MLM)**: the model ksub trains: token, position (514) and type (1) embeddings, embedding
  LayerNorm; per layer Q/K/V/O with biases, two LayerNorms, FFN 512→2048→512 with biases; MLM head
  dense + LayerNorm + decoder bias (|V|), decoder weight tied to the token embedding.
- **θ ours (HF RobertaModel)**: the same without the MLM head and with the sentence pooler, which is
  what Hugging Face's \`RobertaModel.num_parameters()\` reports.

Where our figures differ from the paper's:
${note || '- nowhere.'}

The paper's |θ| column agrees with the \`RobertaModel\` count in every row at its precision, and
with the MLM count in every row but ${disagreements.length}, so the paper most likely counted the encoder as Hugging Face's
\`RobertaModel\` builds it. The two counts differ by the MLM head minus the pooler (${headMinusPooler}); which one
the paper meant changes no conclusion: the k-sub-embeddings above keep ${keptRange} of the full
embedding's parameters.
`;
}
