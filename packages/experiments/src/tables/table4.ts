import { averageScore } from './evidence/language-average';
import type { ModelRuns } from './evidence/model-runs';
import type { ProtocolRuns } from './evidence/protocol-runs';
import { scoreOf, type ScoreInterval } from './evidence/render-evidence';
import { PAPER_TABLE4, PAPER_TABLE4_LANGUAGES } from './paper-table4';
import { formatPercentInterval } from '../report/number-format';

/** The language of a per-language evaluation name (`libreoffice-module-zh-cn` → `zh-cn`, `xnli-de` → `de`). */
export function languageOf(task: string): string | undefined {
  const m = /^(?:libreoffice-module|xnli)-(.+)$/.exec(task);
  return m === null || m[1] === 'dev' || m[1] === 'all' ? undefined : m[1];
}

/** What one protocol's half of Table 4 shows. */
export interface Table4Section {
  /** Our protocol's name (`cross-lingual`, `train-all`, `translate-train-all`). */
  readonly protocol: string;
  /** The paper's protocol its rows come from. */
  readonly paperProtocol: 'cross-lingual' | 'train-all';
  /** Our models, in order; the first is the reference of the differences. */
  readonly variants: readonly string[];
  readonly languages: readonly string[];
  /** Each variant's runs; a variant missing here was not run under the held-out protocol. */
  readonly runs: ReadonlyMap<string, ProtocolRuns>;
  /** The majority-class control's runs, when its cell has run. */
  readonly control?: ProtocolRuns | undefined;
  /** Embedding rows E per variant, as printed. */
  readonly rowsOf: Readonly<Record<string, string>>;
}

/** `80.0 [78.1, 81.9]`. */
const withInterval = (s: ScoreInterval) => formatPercentInterval(s.mean, s.low, s.high);

/** Each language's runs, in `languages` order, when every language has them. */
export function completeLanguages(
  runs: ProtocolRuns | undefined,
  languages: readonly string[],
): ModelRuns[] | undefined {
  const all = languages.map((l) => runs?.languages.get(l));
  return all.every((r): r is ModelRuns => r !== undefined) ? all : undefined;
}

/** What the "chosen on dev" column says of a model's selection. */
function chosen(runs: ProtocolRuns): string {
  const s = runs.selection;
  if (s.lr === 0) return 'no grid';
  const seeds = `${s.runs.length} seed${s.runs.length === 1 ? '' : 's'}`;
  return `${seeds}; lr ${s.lr}${s.atEdge.includes('lr') ? ' (grid edge)' : ''}, batch ${s.batch}, epochs ${s.runs.map((r) => r.epoch).join('/')}`;
}

/**
 * The score table of one protocol: held-out accuracy per language and on the average, each the
 * mean over fine-tuning seeds with its 95% t-interval (a control: bootstrap over the held-out
 * examples), with the configuration dev chose; "not run under this protocol" for a variant
 * without held-out runs; then the majority-class control and the paper's rows for the same
 * languages (its average is over its 15). Also the rows of `table4.csv`.
 *
 * @example
 * ```ts
 * const { table, csv } = renderScores(section);
 * ```
 */
export function renderScores(section: Table4Section): { table: string; csv: string[] } {
  const { languages, rowsOf } = section;
  const csv: string[] = [];
  const line = (name: string, e: string, cells: readonly string[], avg: string, how: string) =>
    `| ${name} | ${e} | ${cells.join(' | ')} | ${avg} | ${how} |`;
  const ours = (id: string, name: string, runs: ProtocolRuns | undefined) => {
    if (runs === undefined)
      return line(
        name,
        rowsOf[id] ?? '—',
        ['not run under this protocol', ...languages.slice(1).map(() => '')],
        '',
        '',
      );
    const cells = languages.map((l) => {
      const r = runs.languages.get(l);
      if (r === undefined) return '—';
      const s = scoreOf(r);
      csv.push(`${section.protocol},${id},${l},${s.mean},${s.low},${s.high},${s.over},${s.n}`);
      return withInterval(s);
    });
    const complete = completeLanguages(runs, languages);
    let avg = '—';
    if (complete !== undefined) {
      const s = averageScore(complete);
      csv.push(`${section.protocol},${id},avg,${s.mean},${s.low},${s.high},${s.over},${s.n}`);
      avg = withInterval(s);
    }
    return line(name, rowsOf[id] ?? '—', cells, avg, chosen(runs));
  };
  const lines = section.variants.map((v) => ours(v, v, section.runs.get(v)));
  if (section.control !== undefined) lines.push(ours('majority', '_majority_ (control)', section.control));
  const paper = PAPER_TABLE4[section.paperProtocol];
  for (const v of section.variants) {
    const row = paper[v.startsWith('clustered') ? 'clustered' : v];
    if (row === undefined) continue;
    const cells = languages.map((l) => {
      const at = (PAPER_TABLE4_LANGUAGES as readonly string[]).indexOf(l === 'zh-cn' ? 'zh' : l);
      const value = row.accuracy[at];
      return value === undefined ? '—' : value.toFixed(1);
    });
    lines.push(line(`${row.label} (paper)`, row.rows, cells, `${row.average.toFixed(1)}*`, '—'));
  }
  const header = `| ${section.protocol} | E | ${languages.join(' | ')} | avg | chosen on dev |`;
  const rule = `|---|---:|${languages.map(() => '---:').join('|')}|---:|---|`;
  return { table: [header, rule, ...lines].join('\n'), csv };
}

/**
 * The note on the learning-rate grid of one protocol: which models chose a rate at its edge (the
 * optimum may lie outside), or that none did, or that one rate was tried.
 *
 * @example
 * ```ts
 * edgeNote(section); // '**Edge of the lr grid** (cross-lingual): full chose lr 0.003, the largest tried (…) …'
 * ```
 */
export function edgeNote(section: Table4Section): string | undefined {
  const all = [...section.variants.flatMap((v) => section.runs.get(v) ?? [])];
  if (all.length === 0) return undefined;
  const lrs = [...new Set(all.flatMap((r) => r.learningRates))].sort((a, b) => a - b);
  const edges = all.filter((r) => r.selection.atEdge.includes('lr'));
  const head = `**Edge of the lr grid** (${section.protocol})`;
  if (edges.length > 0)
    return `${head}: ${edges
      .map((r) => {
        const side = r.selection.lr === Math.min(...r.learningRates) ? 'smallest' : 'largest';
        return `${r.model} chose lr ${r.selection.lr}, the ${side} of ${r.learningRates.join(', ')}`;
      })
      .join('; ')} — the optimum may lie outside the grid; widen it.`;
  if (lrs.length < 2)
    return `${head}: one learning rate was tried (${lrs.join(', ')}); the grid cannot show where the optimum lies.`;
  return `${head}: no model chose a learning rate at the edge of its grid (${lrs.join(', ')}).`;
}
