import type { ResultRow } from '@ksub/training';
import { PAPER_TABLE2_COLUMNS, paperRow } from './paper-table2';

/**
 * The fields of a fine-tuning result row the tables read: task, model, metric and value, and for the
 * wall time the grid cell (lr, batch, seed) with its seconds so far.
 */
export type FinetuneCsvRow = Pick<ResultRow, 'task' | 'model' | 'metric' | 'value'> &
  Partial<Pick<ResultRow, 'lr' | 'batch' | 'seed' | 'wallSeconds'>>;

/** Minutes the fine-tuning behind some rows took: per grid cell its last row's wall time, summed. */
export function finetuneMinutes(rows: readonly FinetuneCsvRow[]): number {
  const last = new Map<string, number>();
  for (const r of rows)
    if (r.wallSeconds !== undefined) {
      const key = `${r.model}|${r.task}|${r.lr}|${r.batch}|${r.seed}`;
      last.set(key, Math.max(last.get(key) ?? 0, r.wallSeconds));
    }
  return [...last.values()].reduce((a, b) => a + b, 0) / 60;
}

/** Our offline task → the GLUE column of the paper it stands in for (none: no counterpart). */
export const STAND_INS: Readonly<Record<string, string | null>> = {
  'uci-sentiment': 'SST-2',
  'bible-paraphrase': 'MRPC',
  'sms-spam': null,
  sst2: 'SST-2',
  mnli: 'MNLI',
  qnli: 'QNLI',
  qqp: 'QQP',
  rte: 'RTE',
  mrpc: 'MRPC',
  cola: 'CoLA',
  stsb: 'STS-B',
};

/**
 * The paper's score for `variant` on GLUE task `glue` and its delta from the paper's full baseline,
 * as table cells (one decimal, the delta signed); dashes where the paper has no such row.
 */
export function paperCells(variant: string, glue: string): [string, string] {
  const col = (PAPER_TABLE2_COLUMNS as readonly string[]).indexOf(glue);
  const p = paperRow(variant)?.[col];
  const pb = paperRow('full')?.[col];
  if (p === undefined) return ['—', '—'];
  return [p.toFixed(1), pb === undefined ? '—' : `${p >= pb ? '+' : ''}${(p - pb).toFixed(1)}`];
}

/** An embedding-parameter count as a table cell: grouped in thousands, a dash when unknown. */
export function paramsCell(count: number | undefined): string {
  return count === undefined ? '—' : count.toLocaleString('en-US');
}

/** Best value (over the fine-tuning grid and epochs) of each model on each task's first metric. */
export function bestScores(
  rows: readonly FinetuneCsvRow[],
  primary: Readonly<Record<string, string>>,
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (primary[r.task] !== r.metric) continue;
    const byTask = out.get(r.model) ?? new Map<string, number>();
    byTask.set(r.task, Math.max(byTask.get(r.task) ?? -Infinity, r.value));
    out.set(r.model, byTask);
  }
  return out;
}

/**
 * Table 2 or 3 in Markdown: one row per embedding variant — its embedding parameters (`params`), for each task our best score (percent) with
 * its delta from the full baseline, and beside it the paper's figure and delta for the GLUE task
 * the offline task stands in for.
 */
export function renderTable2(
  scores: Map<string, Map<string, number>>,
  variants: readonly string[],
  tasks: readonly string[],
  params: Readonly<Record<string, number>> = {},
): string {
  const header = tasks.flatMap((t) => {
    const glue = STAND_INS[t];
    return [`${t} (ours)`, `Δ ours`, ...(glue ? [`${glue} (paper)`, 'Δ paper'] : [])];
  });
  const lines = variants.map((variant) => {
    const cells = tasks.flatMap((t) => {
      const ours = scores.get(variant)?.get(t);
      const base = scores.get('full')?.get(t);
      const fmt = (v: number | undefined) => (v === undefined ? '—' : (100 * v).toFixed(1));
      const delta =
        ours === undefined || base === undefined
          ? '—'
          : `${ours >= base ? '+' : ''}${(100 * (ours - base)).toFixed(1)}`;
      const glue = STAND_INS[t];
      return glue ? [fmt(ours), delta, ...paperCells(variant, glue)] : [fmt(ours), delta];
    });
    return `| ${variant} | ${paramsCell(params[variant])} | ${cells.join(' | ')} |`;
  });
  return [
    `| embedding | embedding params | ${header.join(' | ')} |`,
    `|---|---:|${header.map(() => '---:').join('|')}|`,
    ...lines,
  ].join('\n');
}
