import { bootstrapInterval, computeMetric, meanInterval } from '@ksub/evaluation';
import type { EmbeddingCount } from './embedding-count';
import { comparePaired, formatPValue, type PairedComparison } from './compare';
import type { ModelRuns } from './model-runs';
import {
  formatPercentInterval,
  formatSignedPercentInterval,
  formatSignedPoints,
} from '../../report/number-format';

/** One row of an evidence table: a model (or control) and what is known of it. */
export interface EvidenceEntry {
  /** Grid id (`full`, `radix-k3`, `random-init-full`, `bag-of-words`). */
  readonly id: string;
  readonly role: 'model' | 'control';
  /** Its runs under the held-out protocol; undefined when not (yet) fine-tuned that way. */
  readonly runs?: ModelRuns | undefined;
  readonly count?: EmbeddingCount | undefined;
  /** What the score cell says when `runs` is undefined; default `not run under this protocol`. */
  readonly missing?: string;
}

/** A score with its 95% interval and what the interval is over. */
export interface ScoreInterval {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  /** `seeds` (t-interval over fine-tuning seeds) or `examples` (bootstrap over test examples, for a deterministic control). */
  readonly over: 'seeds' | 'examples';
  readonly n: number;
}

/**
 * A model's test score: over seeds when it has several runs, else (a deterministic control)
 * a bootstrap over the test examples.
 */
export function scoreOf(runs: ModelRuns): ScoreInterval {
  if (runs.test.length > 1) return { ...meanInterval(runs.test), over: 'seeds' };
  const p = runs.predictions[0] as readonly number[];
  const b = bootstrapInterval(runs.gold.length, (idx) =>
    computeMetric(
      runs.metric,
      Array.from(idx, (i) => p[i] as number),
      Array.from(idx, (i) => runs.gold[i] as number),
    ),
  );
  return { mean: b.estimate, low: b.low, high: b.high, over: 'examples', n: runs.gold.length };
}

/** The rendered evidence of one task: the Markdown table and the sentences its numbers support. */
export interface TaskEvidence {
  readonly table: string;
  readonly claims: readonly string[];
  /** Each compared entry's difference to the reference, by id. */
  readonly comparisons: ReadonlyMap<string, PairedComparison>;
}

/**
 * One task's evidence table: for each entry its embedding parameters as stored, rows used of those
 * allocated, its test score (mean and 95% interval over seeds, or over examples for a deterministic
 * control), its difference to `reference` paired on the same test examples (bootstrap 95% interval;
 * McNemar p on majority votes), and the configuration dev chose. The sentences say, for each
 * difference, whether its interval excludes zero — generated from the numbers, never written by hand.
 *
 * @example
 * ```ts
 * const { table, claims } = renderTaskEvidence('uci-sentiment', 'accuracy', 'full', entries);
 * ```
 */
export function renderTaskEvidence(
  task: string,
  metric: string,
  reference: string,
  entries: readonly EvidenceEntry[],
): TaskEvidence {
  const ref = entries.find((e) => e.id === reference)?.runs;
  const comparisons = new Map<string, PairedComparison>();
  const lines = entries.map((e) => {
    const count = e.count;
    const params = count === undefined ? '—' : count.params.toLocaleString('en-US');
    const rows =
      count === undefined
        ? '—'
        : count.perTable === undefined
          ? count.rowsUsed.toLocaleString('en-US')
          : `${count.rowsUsed.toLocaleString('en-US')} / ${count.rowsAllocated.toLocaleString('en-US')} (${count.perTable.map((t) => `${t.used}/${t.allocated}`).join(', ')})`;
    const name = e.role === 'control' ? `_${e.id}_ (control)` : e.id;
    if (e.runs === undefined)
      return `| ${name} | ${params} | ${rows} | ${e.missing ?? 'not run under this protocol'} | | | |`;
    const s = scoreOf(e.runs);
    const score = `${formatPercentInterval(s.mean, s.low, s.high)} (${s.over === 'seeds' ? `${s.n} seeds` : 'bootstrap over examples'})`;
    let delta = '—';
    let p = '—';
    if (ref !== undefined && e.id !== reference) {
      const c = comparePaired(ref, e.runs);
      comparisons.set(e.id, c);
      delta = `${formatSignedPercentInterval(c.delta.estimate, c.delta.low, c.delta.high)}${c.real ? ' \\*' : ''}`;
      p = formatPValue(c.mcnemar.pValue);
    }
    const sel = e.runs.selection;
    const chosen =
      sel === undefined || sel.lr === 0
        ? 'no grid'
        : `lr ${sel.lr}${sel.atEdge.includes('lr') ? ' (grid edge)' : ''}, batch ${sel.batch}, epochs ${sel.runs.map((r) => r.epoch).join('/')}`;
    return `| ${name} | ${params} | ${rows} | ${score} | ${delta} | ${p} | ${chosen} |`;
  });
  const table = [
    `| model | embedding params | rows used / allocated | test ${metric} (95% CI) | Δ vs ${reference} (95% CI) | McNemar p | chosen on dev |`,
    '|---|---:|---:|---:|---:|---:|---|',
    ...lines,
  ].join('\n');
  const claims = [...comparisons].map(([id, c]) => {
    const d = c.delta;
    const size = formatSignedPoints(d.estimate, d.low, d.high);
    if (!c.real)
      return `On ${task}, ${id} and ${reference} cannot be told apart: ${metric} ${size}; the interval includes zero.`;
    const verb = d.estimate < 0 ? 'scores below' : 'scores above';
    return `On ${task}, ${id} ${verb} ${reference}: ${metric} ${size} — supported (the interval excludes zero).`;
  });
  return { table, claims, comparisons };
}
