import { formatPValue, type PairedComparison } from '../tables/evidence/compare';
import { formatDelta } from '../tables/evidence/language-deltas';
import { type EvidenceEntry, renderTaskEvidence } from '../tables/evidence/render-evidence';
import { type CurveData, formatTokens, formatUpdates, snapshotOf } from './curve-data';
import { formatSignedPoints } from '../report/number-format';

/** A variant's difference to the reference at the same number of updates, or why there is none yet. */
export interface Gap {
  readonly variant: string;
  readonly step: number;
  readonly tokens: number;
  /** The paired comparison (Δ = variant − reference); undefined until both are fine-tuned. */
  readonly comparison?: PairedComparison | undefined;
  /** The snapshots still to be fine-tuned, when there is no comparison. */
  readonly notRun: readonly string[];
}

/** One task's gaps, with the evidence table of each fine-tuned update. */
export interface TaskGaps {
  readonly task: string;
  readonly metric: string;
  readonly gaps: readonly Gap[];
  /** Per update: the evidence table of the snapshots fine-tuned at it (absent when none has run). */
  readonly tables: readonly { readonly step: number; readonly table: string }[];
}

/**
 * Per task, each variant's test-score difference to the reference fine-tuned from the same number
 * of updates: `renderTaskEvidence`'s paired bootstrap over the test examples (seed-averaged
 * scores) and McNemar's test — the statistics of Tables 2–3, reused. A snapshot the grid fine-tunes
 * but whose cell has not finished is listed as not run.
 *
 * @example
 * ```ts
 * finetuneGaps(data)[0]?.gaps; // [{ variant: 'radix-k3', step: 2000, comparison: { delta, … }, notRun: [] }, …]
 * ```
 */
export function finetuneGaps(data: CurveData): TaskGaps[] {
  const steps = [
    ...new Set(data.variants.flatMap((v) => v.snapshots.filter((s) => s.finetuned).map((s) => s.step))),
  ].sort((a, b) => a - b);
  return data.tasks.map(({ name: task, metric }) => {
    const gaps: Gap[] = [];
    const tables: { step: number; table: string }[] = [];
    for (const step of steps) {
      const tuned = data.variants
        .map((v) => ({ variant: v.id, snapshot: snapshotOf(data, v.id, step) }))
        .filter((e) => e.snapshot?.finetuned === true);
      const ref = snapshotOf(data, data.reference, step);
      const entries: EvidenceEntry[] = tuned.map((e) => ({
        id: e.snapshot?.label ?? e.variant,
        role: 'model',
        runs: e.snapshot?.runs.get(task),
        missing: 'not run yet',
      }));
      const evidence = entries.some((e) => e.runs !== undefined)
        ? renderTaskEvidence(task, metric, ref?.label ?? data.reference, entries)
        : undefined;
      if (evidence !== undefined) tables.push({ step, table: evidence.table });
      for (const e of tuned) {
        if (e.variant === data.reference || e.snapshot === undefined) continue;
        const notRun = [ref, e.snapshot]
          .filter((s) => s?.runs.get(task) === undefined)
          .map((s) => s?.label ?? `${data.reference} at ${step}`);
        gaps.push({
          variant: e.variant,
          step,
          tokens: step * data.tokensPerUpdate,
          comparison: evidence?.comparisons.get(e.snapshot.label),
          notRun,
        });
      }
    }
    return { task, metric, gaps, tables };
  });
}

/** The Markdown of one task's gaps: the Δ table, then each update's evidence table. */
export function renderTaskGaps(g: TaskGaps, reference: string): string {
  const rows = g.gaps.map((gap) => {
    const c = gap.comparison;
    const cells =
      c === undefined
        ? `not run yet (${gap.notRun.join(', ')}) | `
        : `${formatDelta(c.delta)} | ${formatPValue(c.mcnemar.pValue)}`;
    return `| ${gap.variant} | ${formatUpdates(gap.step)} | ${formatTokens(gap.tokens)} | ${cells} |`;
  });
  const details = g.tables.map((t) => `Fine-tuned from ${formatUpdates(t.step)} updates:\n\n${t.table}`);
  return [
    [
      `| variant | updates | tokens | Δ test ${g.metric} vs ${reference}, points (95% CI) | McNemar p |`,
      '|---|---:|---:|---:|---:|',
      ...rows,
    ].join('\n'),
    ...details,
  ].join('\n\n');
}

/** The sentences a task's gaps support: one per comparison, supported only when its interval excludes zero. */
export function taskGapClaims(g: TaskGaps, reference: string): string[] {
  return g.gaps.flatMap((gap) => {
    const c = gap.comparison;
    if (c === undefined) return [];
    const d = c.delta;
    const size = formatSignedPoints(d.estimate, d.low, d.high);
    const at = `On ${g.task} after ${formatUpdates(gap.step)} updates (${formatTokens(gap.tokens)} tokens)`;
    return c.real
      ? `${at}, ${gap.variant} ${d.estimate < 0 ? 'scores below' : 'scores above'} ${reference}: ${g.metric} ${size} — supported (the interval excludes zero).`
      : `${at}, ${gap.variant} and ${reference} cannot be told apart: ${g.metric} ${size}; the interval includes zero.`;
  });
}
