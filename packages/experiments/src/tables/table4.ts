import type { ResultRow } from '@ksub/training';
import { PAPER_TABLE4, PAPER_TABLE4_LANGUAGES } from './paper-table4';

/** A fine-tuning row of a Table 4 cell's CSV (the columns the selection needs). */
export type ProtocolRow = Pick<ResultRow, 'task' | 'lr' | 'batch' | 'seed' | 'epoch' | 'metric' | 'value'>;

/** The language of a per-language evaluation name (`libreoffice-module-zh-cn` → `zh-cn`, `xnli-de` → `de`). */
export function languageOf(task: string): string | undefined {
  const m = /^(?:libreoffice-module|xnli)-(.+)$/.exec(task);
  return m === null || m[1] === 'dev' || m[1] === 'all' ? undefined : m[1];
}

/**
 * Accuracy per language of one protocol run, the paper's way: the grid cell and epoch are chosen
 * on the selection evaluation (the first task in the rows: English dev, or XNLI dev), and every
 * language is reported at that one choice — not each language's own best.
 */
export function selectProtocolScores(rows: readonly ProtocolRow[]): Map<string, number> {
  const accuracy = rows.filter((r) => r.metric === 'accuracy');
  const chosen = chosenProtocolRun(rows);
  const key = (r: Pick<ProtocolRow, 'lr' | 'batch' | 'seed' | 'epoch'>) =>
    `${r.lr}|${r.batch}|${r.seed}|${r.epoch}`;
  const best = chosen === undefined ? undefined : key(chosen);
  const out = new Map<string, number>();
  for (const r of accuracy) {
    const language = languageOf(r.task);
    if (key(r) === best && language !== undefined) out.set(language, r.value);
  }
  return out;
}

/**
 * The grid cell and epoch a protocol run reports: the first highest accuracy on the selection
 * evaluation (the rows' first task). Undefined for rows without accuracy.
 */
export function chosenProtocolRun(
  rows: readonly ProtocolRow[],
): Pick<ProtocolRow, 'lr' | 'batch' | 'seed' | 'epoch'> | undefined {
  const accuracy = rows.filter((r) => r.metric === 'accuracy');
  const selector = accuracy[0]?.task;
  let best: ProtocolRow | undefined;
  for (const r of accuracy) if (r.task === selector && (best === undefined || r.value > best.value)) best = r;
  return best === undefined
    ? undefined
    : { lr: best.lr, batch: best.batch, seed: best.seed, epoch: best.epoch };
}

const paperColumn = (language: string) =>
  (PAPER_TABLE4_LANGUAGES as readonly string[]).indexOf(language === 'zh-cn' ? 'zh' : language);

/**
 * One protocol's half of Table 4 in Markdown: our variants (accuracy per language, percent, their
 * average and its delta from the full model), then the paper's rows for the same languages and its
 * 15-language average. `rowsOf` gives each variant's embedding rows (the paper's E column).
 */
export function renderTable4(
  protocol: 'cross-lingual' | 'train-all',
  scores: ReadonlyMap<string, ReadonlyMap<string, number>>,
  variants: readonly string[],
  languages: readonly string[],
  rowsOf: Readonly<Record<string, string>>,
): string {
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const fmt = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(1));
  const ours = (variant: string) => {
    const s = scores.get(variant);
    const values = languages.map((l) => s?.get(l));
    const known = values.filter((v): v is number => v !== undefined).map((v) => 100 * v);
    return {
      values: values.map((v) => (v === undefined ? undefined : 100 * v)),
      avg: known.length === languages.length ? mean(known) : undefined,
    };
  };
  const baseAvg = ours('full').avg;
  const header = `| ${protocol} | E | ${languages.join(' | ')} | avg | Δ avg |`;
  const lines = [header, `|---|---:|${languages.map(() => '---:').join('|')}|---:|---:|`];
  for (const v of variants) {
    const { values, avg } = ours(v);
    const delta =
      avg === undefined || baseAvg === undefined || v === 'full'
        ? '—'
        : `${avg >= baseAvg ? '+' : ''}${(avg - baseAvg).toFixed(1)}`;
    lines.push(
      `| ${v} (ours) | ${rowsOf[v] ?? '—'} | ${values.map(fmt).join(' | ')} | ${fmt(avg)} | ${delta} |`,
    );
  }
  const paper = PAPER_TABLE4[protocol];
  const paperBase = paper['full']?.average;
  for (const v of variants) {
    const row = paper[v.startsWith('clustered') ? 'clustered' : v];
    if (row === undefined) continue;
    const delta =
      paperBase === undefined || v === 'full'
        ? '—'
        : `${row.average >= paperBase ? '+' : ''}${(row.average - paperBase).toFixed(1)}`;
    lines.push(
      `| ${row.label} (paper) | ${row.rows} | ${languages.map((l) => fmt(row.accuracy[paperColumn(l)])).join(' | ')} | ${row.average.toFixed(1)}* | ${delta} |`,
    );
  }
  return lines.join('\n');
}
