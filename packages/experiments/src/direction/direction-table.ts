import { STAND_INS } from '../tables/table2';
import type { CompressionRecord } from './compression-record';
import { formatSigned } from '../report/number-format';

/** Methods in table order, with the names the table prints. */
const METHOD_NAMES: Readonly<Record<string, string>> = {
  svd: 'SVD',
  'ae-mse': 'AutoEncoder, MSE',
  'ae-direction': 'AutoEncoder, direction',
};

const order = (m: string) => {
  const i = Object.keys(METHOD_NAMES).indexOf(m);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
};
const signed = formatSigned;
const int = (v: number) => v.toLocaleString('en-US');

/** Relative perplexity differences below this are reported as ties (masking noise on a few thousand positions). */
export const TIE_TOLERANCE = 0.01;

/**
 * The direction paper's claim on initial perplexity, checked per code size: the direction
 * AutoEncoder's perplexity after the swap against SVD's. One line per rank with both values, the
 * relative difference and the verdict (`lower`, `higher`, or `tie` within {@link TIE_TOLERANCE}),
 * largest rank first.
 */
export function directionVersusSvd(records: readonly CompressionRecord[]): string[] {
  const lines: string[] = [];
  const svds = records.filter((r) => r.method === 'svd').sort((a, b) => b.rank - a.rank);
  for (const svd of svds) {
    const ae = records.find((r) => r.method === 'ae-direction' && r.rank === svd.rank);
    if (ae === undefined) continue;
    const change = ae.swapped.perplexity / svd.swapped.perplexity - 1;
    const verdict = Math.abs(change) < TIE_TOLERANCE ? 'tie' : change < 0 ? 'lower' : 'higher';
    lines.push(
      `r = ${svd.rank}: direction ${ae.swapped.perplexity.toFixed(0)} vs SVD ${svd.swapped.perplexity.toFixed(0)} (${signed(100 * change, 1)}%): ${verdict}`,
    );
  }
  return lines;
}

/**
 * The seed-001 perplexity table in Markdown: per method and code size, parameters, ratio, how well
 * the matrix is reproduced (mean cosine, relative Frobenius error) and the masked-LM loss,
 * perplexity and accuracy right after the swap, with the change from the uncompressed baseline
 * (its row first, then the unigram baseline).
 */
export function renderPerplexityTable(records: readonly CompressionRecord[]): string {
  const first = records[0];
  if (first === undefined) return '_no compression cell has finished yet_';
  const sorted = [...records].sort((a, b) => order(a.method) - order(b.method) || b.rank - a.rank);
  const base = first.baseline;
  const lines = [
    '| embedding | r | params | ratio | mean cos | rel. error | MLM loss | perplexity | Δ perplexity | masked acc. |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| full (uncompressed) | — | ${int(first.fullParams)} | 1 | 1 | 0 | ${base.loss.toFixed(3)} | ${base.perplexity.toFixed(0)} | — | ${(100 * base.accuracy).toFixed(1)} |`,
    ...sorted.map(
      (r) =>
        `| ${METHOD_NAMES[r.method] ?? r.method} | ${r.rank} | ${int(r.params)} | ${r.ratio.toFixed(1)} | ${r.meanCosine.toFixed(3)} | ${r.relativeFrobenius.toFixed(3)} | ${r.swapped.loss.toFixed(3)} | ${r.swapped.perplexity.toFixed(0)} | ${signed(r.swapped.perplexity - base.perplexity, 0)} | ${(100 * r.swapped.accuracy).toFixed(1)} |`,
    ),
    `| unigram (no model) | — | — | — | — | — | ${first.unigramLoss.toFixed(3)} | ${Math.exp(first.unigramLoss).toFixed(0)} | ${signed(Math.exp(first.unigramLoss) - base.perplexity, 0)} | — |`,
  ];
  return lines.join('\n');
}

/**
 * The seed-001 fine-tuning table: best score (percent) per compressed model and task, with the
 * delta from the uncompressed baseline (`full`). `labels` maps a fine-tuning label to its row name.
 */
export function renderFinetuneTable(
  scores: ReadonlyMap<string, ReadonlyMap<string, number>>,
  labels: ReadonlyMap<string, string>,
  tasks: readonly string[],
): string {
  const header = tasks.flatMap((t) => {
    const glue = STAND_INS[t];
    return [`${t}${glue ? ` (${glue} stand-in)` : ''}`, 'Δ'];
  });
  const rows = [...labels].map(([label, name]) => {
    const cells = tasks.flatMap((t) => {
      const ours = scores.get(label)?.get(t);
      const base = scores.get('full')?.get(t);
      return [
        ours === undefined ? '—' : (100 * ours).toFixed(1),
        ours === undefined || base === undefined || label === 'full' ? '—' : signed(100 * (ours - base), 1),
      ];
    });
    return `| ${name} | ${cells.join(' | ')} |`;
  });
  return [
    `| embedding | ${header.join(' | ')} |`,
    `|---|${header.map(() => '---:').join('|')}|`,
    ...rows,
  ].join('\n');
}

/** The table's long-format CSV: one row per record and measure. */
export function directionCsv(records: readonly CompressionRecord[]): string {
  const lines = ['method,rank,params,ratio,measure,value'];
  for (const r of records) {
    const measures: [string, number][] = [
      ['meanCosine', r.meanCosine],
      ['relativeFrobenius', r.relativeFrobenius],
      ['loss', r.swapped.loss],
      ['perplexity', r.swapped.perplexity],
      ['accuracy', r.swapped.accuracy],
      ['baselineLoss', r.baseline.loss],
      ['unigramLoss', r.unigramLoss],
      ['compressSeconds', r.provenance.compressSeconds],
    ];
    for (const [m, v] of measures) lines.push(`${r.method},${r.rank},${r.params},${r.ratio},${m},${v}`);
  }
  return `${lines.join('\n')}\n`;
}
