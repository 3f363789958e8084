import { comparePaired, type PairedComparison } from '../tables/evidence/compare';
import { formatDelta } from '../tables/evidence/language-deltas';
import { mlmLossDifference } from '../tables/evidence/render-mlm';
import { type CurveData, formatTokens, formatUpdates, snapshotOf } from './curve-data';
import { formatLossDelta, type LossDelta } from './mlm-gaps';
import { formatSignedInterval, formatSignedPoints } from '../report/number-format';

/** One measure of the compute-matched row: the difference, or why there is none. */
export interface MatchedMeasure {
  /** `MLM loss`, or a task. */
  readonly measure: string;
  readonly metric: string;
  readonly mlm?: LossDelta | undefined;
  readonly task?: PairedComparison | undefined;
  /** Why there is no difference: not run yet, or not fine-tuned in this grid. */
  readonly reason?: string;
}

/** The compute-matched row: a variant early (its allocation encodes the reference's own updates) against the reference later. */
export interface ComputeMatchedRow {
  readonly variant: string;
  readonly step: number;
  readonly referenceStep: number;
  readonly measures: readonly MatchedMeasure[];
}

/**
 * The compute-matched control: `variant` after `step` updates against the reference after
 * `referenceStep` (at `mini`, clustered after 2,000 against full after 4,000 — the clustered
 * allocation was made from the full model's own 2,000 updates, so both have seen 4,000 updates of
 * compute). The MLM difference is paired over positions; each task's, over test examples, when
 * both snapshots are fine-tuned (a snapshot the grid does not fine-tune says so). Undefined
 * without a compute-matched pair.
 */
export function computeMatchedRow(data: CurveData): ComputeMatchedRow | undefined {
  const m = data.computeMatched;
  if (m === undefined) return undefined;
  const model = snapshotOf(data, m.variant, m.step);
  const ref = snapshotOf(data, data.reference, m.referenceStep);
  const notRun = (what: 'positions' | 'runs', task?: string) =>
    [ref, model]
      .filter((s) => (what === 'positions' ? s?.positions : s?.runs.get(task ?? '')) === undefined)
      .map((s) => s?.label ?? '?');
  const mlm: MatchedMeasure =
    model?.positions !== undefined && ref?.positions !== undefined
      ? { measure: 'MLM loss', metric: 'nats', mlm: mlmLossDifference(ref.positions, model.positions) }
      : { measure: 'MLM loss', metric: 'nats', reason: `not run yet (${notRun('positions').join(', ')})` };
  const tasks = data.tasks.map(({ name, metric }): MatchedMeasure => {
    const untuned = [ref, model].filter((s) => s?.finetuned !== true).map((s) => s?.label ?? '?');
    if (untuned.length > 0)
      return {
        measure: name,
        metric,
        reason: `not fine-tuned in this grid (${untuned.join(', ')}; finetuneAt)`,
      };
    const a = ref?.runs.get(name);
    const b = model?.runs.get(name);
    return a !== undefined && b !== undefined
      ? { measure: name, metric, task: comparePaired(a, b) }
      : { measure: name, metric, reason: `not run yet (${notRun('runs', name).join(', ')})` };
  });
  return { ...m, measures: [mlm, ...tasks] };
}

/** The Markdown of the compute-matched row: one line per measure. */
export function renderComputeMatched(
  row: ComputeMatchedRow,
  reference: string,
  tokensPerUpdate: number,
): string {
  const at = (s: number) => `${formatUpdates(s)} updates (${formatTokens(s * tokensPerUpdate)} tokens)`;
  return [
    `${row.variant} after ${at(row.step)} against ${reference} after ${at(row.referenceStep)}: ${row.variant}'s allocation was clustered on the token embeddings of ${reference}'s own Table 2–3 run, so counting those updates the two have used about the same pretraining compute.`,
    '',
    `| measure | Δ ${row.variant} − ${reference} (95% CI) |`,
    '|---|---:|',
    ...row.measures.map((m) => {
      const value =
        m.mlm !== undefined
          ? `${formatLossDelta(m.mlm)} nats`
          : m.task !== undefined
            ? `${formatDelta(m.task.delta)} points of ${m.metric}`
            : (m.reason ?? '');
      return `| ${m.measure === 'MLM loss' ? 'validation MLM loss (paired over positions)' : `${m.measure} test ${m.metric} (paired over examples)`} | ${value} |`;
    }),
  ].join('\n');
}

/** The sentences the compute-matched row supports (none for a measure without a difference). */
export function computeMatchedClaims(row: ComputeMatchedRow, reference: string): string[] {
  const head = `Compute-matched: ${row.variant} after ${formatUpdates(row.step)} updates against ${reference} after ${formatUpdates(row.referenceStep)}`;
  return row.measures.flatMap((m) => {
    if (m.mlm !== undefined) {
      const d = m.mlm;
      const size = formatSignedInterval(d.estimate, d.low, d.high, 3, 'nats');
      return [
        d.real
          ? `${head}: validation loss ${d.estimate > 0 ? 'higher' : 'lower'}, ${size} — supported (the interval excludes zero).`
          : `${head}: validation losses cannot be told apart, ${size}; the interval includes zero.`,
      ];
    }
    if (m.task !== undefined) {
      const d = m.task.delta;
      const size = `${m.metric} ${formatSignedPoints(d.estimate, d.low, d.high)}`;
      return [
        m.task.real
          ? `${head}, on ${m.measure}: ${d.estimate < 0 ? 'scores below' : 'scores above'}, ${size} — supported (the interval excludes zero).`
          : `${head}, on ${m.measure}: cannot be told apart, ${size}; the interval includes zero.`,
      ];
    }
    return [];
  });
}
