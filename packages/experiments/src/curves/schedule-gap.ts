import { mlmLossDifference, summariseMlm } from '../tables/evidence/render-mlm';
import { type CurveData, formatTokens, formatUpdates } from './curve-data';
import { formatMagnitudeInterval, formatSignedInterval } from '../report/number-format';
import { formatLossDelta, type LossDelta } from './mlm-gaps';

/** A variant at the same updates under two schedules: mid-way through its curve run, and annealed there. */
export interface ScheduleGap {
  readonly variant: string;
  /** The updates of both (the Table 2–3 run's length). */
  readonly step: number;
  readonly tokens: number;
  /** Validation loss of the curve run's snapshot, and of the annealed run, on the same positions. */
  readonly curveLoss: number;
  readonly annealedLoss: number;
  /** Curve snapshot − annealed run, paired over the positions (95% CI over validation sequences). */
  readonly delta: LossDelta;
}

/**
 * The schedule comparison: each variant's curve-run snapshot at the updates its own Table 2–3 run
 * lasted, against that run — the same model, seed, data and updates, but a learning-rate schedule
 * stretched over the whole curve (so still high there) against one warmed up and decayed to zero
 * within those updates. Paired over the same masked positions (`mlmLossDifference`). A variant
 * without both scores is left out.
 *
 * @example
 * ```ts
 * scheduleGaps(data); // [{ variant: 'radix-k3', step: 2000, delta: { estimate: -0.212, … }, … }]
 * ```
 */
export function scheduleGaps(data: CurveData): ScheduleGap[] {
  return data.variants.flatMap((v) => {
    const annealed = v.annealedPositions;
    const step = v.annealed?.step;
    const snapshot = v.snapshots.find((s) => s.step === step)?.positions;
    if (annealed === undefined || step === undefined || snapshot === undefined) return [];
    return [
      {
        variant: v.id,
        step,
        tokens: step * data.tokensPerUpdate,
        curveLoss: summariseMlm(snapshot).loss,
        annealedLoss: summariseMlm(annealed).loss,
        delta: mlmLossDifference(annealed, snapshot),
      },
    ];
  });
}

/** The Markdown table of {@link scheduleGaps}. */
export function renderScheduleGaps(gaps: readonly ScheduleGap[]): string {
  return [
    '| variant | updates | tokens | mid-curve (stretched schedule) | annealed (Tables 2–3 run) | Δ mid-curve − annealed (95% CI over sequences) |',
    '|---|---:|---:|---:|---:|---:|',
    ...gaps.map(
      (g) =>
        `| ${g.variant} | ${formatUpdates(g.step)} | ${formatTokens(g.tokens)} | ${g.curveLoss.toFixed(3)} | ${g.annealedLoss.toFixed(3)} | ${formatLossDelta(g.delta)} |`,
    ),
  ].join('\n');
}

/** The sentences of {@link scheduleGaps}: which schedule scores better at the same updates, only where the interval excludes zero. */
export function scheduleGapClaims(gaps: readonly ScheduleGap[]): string[] {
  return gaps.map((g) => {
    const d = g.delta;
    const at = `Schedule, ${g.variant} after ${formatUpdates(g.step)} updates`;
    if (!d.real)
      return `${at}: mid-way through the stretched schedule and annealed cannot be told apart on validation loss (${formatSignedInterval(d.estimate, d.low, d.high, 3)}).`;
    // the size and its interval as magnitudes: "0.212 nats [0.202, 0.222] lower"
    const size = formatMagnitudeInterval(d.estimate, d.low, d.high, 3, 'nats');
    return `${at}: mid-way through the stretched schedule its validation loss is ${size} ${d.estimate < 0 ? 'lower' : 'higher'} than its Tables 2–3 run annealed at the same updates — supported (the interval excludes zero).`;
  });
}
