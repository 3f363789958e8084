import { comparePaired, formatPValue, type PairedComparison } from '../tables/evidence/compare';
import { formatDelta } from '../tables/evidence/language-deltas';
import type { ModelRuns } from '../tables/evidence/model-runs';
import { scoreOf, type ScoreInterval } from '../tables/evidence/render-evidence';
import { type CurveData, formatTokens, formatUpdates } from './curve-data';
import { formatPercentInterval, formatSignedPoints } from '../report/number-format';

/** One variant's fine-tuning score from its first and its last fine-tuned snapshot, paired. */
export interface OwnProgress {
  readonly variant: string;
  readonly task: string;
  readonly metric: string;
  /** The updates of the two snapshots (first < last). */
  readonly from: number;
  readonly to: number;
  readonly fromTokens: number;
  readonly toTokens: number;
  /** Each snapshot's test score over fine-tuning seeds. */
  readonly fromScore: ScoreInterval;
  readonly toScore: ScoreInterval;
  /** Last − first, paired over the same test examples (bootstrap 95% CI, McNemar on majority votes). */
  readonly change: PairedComparison;
}

/**
 * How much each variant gains downstream from its own longer pretraining: per task, its snapshot
 * fine-tuned from the most updates against its snapshot fine-tuned from the fewest, paired over
 * the same test examples (`comparePaired`). The reference variant is included, so a variant's gain
 * reads beside the reference's (whether the gap between them closes is section (e)). A variant
 * with fewer than two snapshots fine-tuned on a task is left out for that task.
 *
 * @example
 * ```ts
 * ownProgress(data); // [{ variant: 'radix-k3', task: 'sms-spam', from: 2000, to: 8000, change: … }, …]
 * ```
 */
export function ownProgress(data: CurveData): OwnProgress[] {
  return data.tasks.flatMap(({ name: task, metric }) =>
    data.variants.flatMap((v) => {
      const tuned = v.snapshots.filter((s) => s.runs.has(task)).sort((a, b) => a.step - b.step);
      const [first, last] = [tuned[0], tuned[tuned.length - 1]];
      if (tuned.length < 2 || first === undefined || last === undefined) return [];
      // both hold the task: `tuned` keeps only snapshots that do
      const a = first.runs.get(task) as ModelRuns;
      const b = last.runs.get(task) as ModelRuns;
      return [
        {
          variant: v.id,
          task,
          metric,
          from: first.step,
          to: last.step,
          fromTokens: first.step * data.tokensPerUpdate,
          toTokens: last.step * data.tokensPerUpdate,
          fromScore: scoreOf(a),
          toScore: scoreOf(b),
          change: comparePaired(a, b),
        },
      ];
    }),
  );
}

const score = (s: ScoreInterval) => formatPercentInterval(s.mean, s.low, s.high);

/** The Markdown table of {@link ownProgress}: each variant's score from both snapshots and the paired change. */
export function renderOwnProgress(rows: readonly OwnProgress[]): string {
  return [
    '| task | variant | from updates | score (95% CI over seeds) | to updates | score (95% CI over seeds) | change, points (95% CI over examples) | McNemar p |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.task} test ${r.metric} | ${r.variant} | ${formatUpdates(r.from)} | ${score(r.fromScore)} | ${formatUpdates(r.to)} | ${score(r.toScore)} | ${formatDelta(r.change.delta)} | ${formatPValue(r.change.mcnemar.pValue)} |`,
    ),
  ].join('\n');
}

/** The sentences of {@link ownProgress}: a gain or loss only where its interval excludes zero. */
export function ownProgressClaims(rows: readonly OwnProgress[]): string[] {
  return rows.map((r) => {
    const d = r.change.delta;
    const to = `${formatUpdates(r.to)} updates (${formatTokens(r.toTokens)} tokens)`;
    const from = `${formatUpdates(r.from)} (${formatTokens(r.fromTokens)})`;
    const size = formatSignedPoints(d.estimate, d.low, d.high);
    if (!r.change.real)
      return `On ${r.task}, ${r.variant} fine-tuned from ${to} and from ${from} cannot be told apart: ${r.metric} ${size}.`;
    return `On ${r.task}, ${r.variant} fine-tuned from ${to} scores ${d.estimate > 0 ? 'higher' : 'lower'} than from ${from}: ${r.metric} ${size} — supported (the interval excludes zero).`;
  });
}
