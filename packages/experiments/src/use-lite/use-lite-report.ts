import type { Gold, PairedMeasure } from './use-lite-compare';
import type { Interval, UseLiteRecord } from './use-lite-record';
import {
  formatPercentInterval,
  formatSigned,
  formatSignedPoints,
  formatSignedPercentInterval,
} from '../report/number-format';

const f = (v: number, digits: number) => v.toFixed(digits);
const pctIv = (i: Interval) => formatPercentInterval(i.estimate, i.low, i.high);
const pctDelta = (i: Interval) => formatSignedPercentInterval(i.estimate, i.low, i.high);
const cosIv = (i: Interval) => `${f(i.estimate, 4)} [${f(i.low, 4)}, ${f(i.high, 4)}]`;
/** `+0.0123 [-0.0040, +0.0290]`: a difference of cosines or AUCs with its interval. */
const signed4 = (i: Interval) =>
  `${formatSigned(i.estimate, 4)} [${formatSigned(i.low, 4)}, ${formatSigned(i.high, 4)}]`;

/** Whether an interval excludes zero. */
export const excludesZero = (i: Interval) => i.low > 0 || i.high < 0;

/**
 * The study's Markdown table: one row per model — its size (floats, bytes and the ratio achieved),
 * the table's mean row cosine and relative error, the sentence-vector cosine to the original, each
 * probe's test score and paraphrase AUC with 95% intervals, and (compressed models) the paired Δ to
 * the original model below each score.
 */
export function renderUseLiteTable(records: readonly UseLiteRecord[], gold: Gold): string {
  const tasks = Object.entries(gold.tasks);
  const head = [
    'method',
    'ratio',
    'settings',
    'floats',
    'bytes',
    'table cosine',
    'rel. error',
    'sentence cosine',
    ...tasks.map(([t, { metric }]) => `${t} ${metric} (Δ to original)`),
    ...(gold.pairs ? ['paraphrase AUC (Δ)'] : []),
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of records) {
    const probe = (task: string) => {
      const p = r.probes.find((x) => x.task === task);
      if (!p) return '–';
      return p.delta ? `${pctIv(p.test)}<br>${pctDelta(p.delta)}` : pctIv(p.test);
    };
    const para = r.paraphrase
      ? r.paraphrase.delta
        ? `${cosIv(r.paraphrase.auc)}<br>${signed4(r.paraphrase.delta)}`
        : cosIv(r.paraphrase.auc)
      : '–';
    lines.push(
      `| ${[
        r.method,
        r.method === 'bag-of-words' ? '–' : `×${f(r.achievedRatio, 1)}`,
        r.settings || '–',
        r.method === 'bag-of-words' ? '–' : r.parameters.toLocaleString('en-US'),
        r.method === 'bag-of-words' ? '–' : r.bytes.toLocaleString('en-US'),
        r.tableCosine ? f(r.tableCosine.estimate, 4) : r.method === 'original' ? '1' : '–',
        r.relativeError === undefined ? (r.method === 'original' ? '0' : '–') : f(r.relativeError, 4),
        r.sentenceCosine ? cosIv(r.sentenceCosine) : r.method === 'original' ? '1' : '–',
        ...tasks.map(([t]) => probe(t)),
        ...(gold.pairs ? [para] : []),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/** One generated comparison: B against A at one ratio, on every paired measure. */
export interface ComparisonLine {
  readonly ratio: number;
  readonly a: string;
  readonly b: string;
  readonly measures: readonly PairedMeasure[];
}

const fmtMeasure = (m: PairedMeasure) =>
  m.measure === 'sentence cosine' || m.measure === 'paraphrase AUC'
    ? `${m.measure} ${signed4(m.delta)}`
    : `${m.measure} ${formatSignedPoints(m.delta.estimate, m.delta.low, m.delta.high)}`;

/**
 * Sentences generated from paired comparisons (B − A at the same ratio): each measure's Δ with its
 * interval, and a verdict — B better or worse ("supported") only where the interval excludes zero,
 * otherwise "not distinguishable at this sample size".
 */
export function comparisonSentences(lines: readonly ComparisonLine[]): string[] {
  return lines.map((l) => {
    const better = l.measures.filter((m) => m.delta.low > 0).map((m) => m.measure);
    const worse = l.measures.filter((m) => m.delta.high < 0).map((m) => m.measure);
    const verdict = [
      better.length > 0 ? `${l.b} better on ${better.join(', ')} (supported)` : '',
      worse.length > 0 ? `${l.b} worse on ${worse.join(', ')} (supported)` : '',
      better.length + worse.length < l.measures.length
        ? `not distinguishable on ${l.measures
            .filter((m) => !excludesZero(m.delta))
            .map((m) => m.measure)
            .join(', ')}`
        : '',
    ]
      .filter((s) => s !== '')
      .join('; ');
    return `- ×${l.ratio}: ${l.b} − ${l.a}: ${l.measures.map(fmtMeasure).join('; ')} — ${verdict}.`;
  });
}
