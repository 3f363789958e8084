import { FormatError } from '@ksub/core';
import { bootstrapInterval } from '@ksub/evaluation';
import { type MlmPositions, pairPositions } from '@ksub/training';
import { meanMetricAt } from '../tables/evidence/compare';
import type { ModelRuns } from '../tables/evidence/model-runs';
import { pooledMean, sequenceGroups, sumBySequence } from '../tables/evidence/sequence-sums';
import { type CurveData, snapshotOf } from './curve-data';
import type { LossDelta } from './mlm-gaps';

/** log2 tokens where a fitted gap is taken not to close: 2^80 tokens, beyond any budget. */
export const NEVER_LOG2 = 80;

/** Where a gap's fitted trend reaches zero: tokens, with the bootstrap's 95% range (`Infinity`: not within 2^80). */
export interface ZeroCrossing {
  readonly tokens: number;
  readonly low: number;
  readonly high: number;
}

/** How a variant's gap to the reference moves between its first and last measured update. */
export interface GapChange {
  readonly variant: string;
  /** `mlm`, or the fine-tuned task. */
  readonly measure: string;
  /** `nats` (validation MLM loss) or the task's metric. */
  readonly metric: string;
  /** The updates measured, ascending: at least 2. */
  readonly steps: readonly number[];
  /** Tokens at each of `steps`. */
  readonly tokens: readonly number[];
  /** The gap (variant − reference at the same updates) at each of `steps`. */
  readonly gaps: readonly number[];
  /** Gap at the last update − gap at the first, with its 95% paired bootstrap interval. */
  readonly change: LossDelta;
  /**
   * The least-squares slope of the gap against log2(tokens) — its change per doubling of
   * pretraining — with the bootstrap's 95% interval; only with at least 3 updates.
   */
  readonly perDoubling?: LossDelta;
  /**
   * Extrapolation, not a measurement: where the fitted line reaches zero, when the slope's interval
   * excludes zero in the direction that closes the gap.
   */
  readonly zero?: ZeroCrossing;
}

const toDelta = (b: { estimate: number; low: number; high: number }): LossDelta => ({
  estimate: b.estimate,
  low: b.low,
  high: b.high,
  real: b.low > 0 || b.high < 0,
});

/** Least squares of y on x: slope and intercept. */
function fitLine(x: readonly number[], y: readonly number[]): { slope: number; intercept: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += ((x[i] as number) - mx) * ((y[i] as number) - my);
    sxx += ((x[i] as number) - mx) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * log2 tokens where the fitted gap reaches zero, looking forward from `last` (log2 of the last
 * measured tokens): `last` itself when the fitted line has already crossed zero there, and
 * {@link NEVER_LOG2} when it moves away from zero (or crosses beyond 2^80 tokens).
 */
function zeroLog2(x: readonly number[], y: readonly number[], last: number): number {
  const { slope, intercept } = fitLine(x, y);
  const atLast = intercept + slope * last;
  if (atLast === 0 || Math.sign(atLast) !== Math.sign(y[y.length - 1] as number)) return last;
  if (slope === 0 || Math.sign(slope) === Math.sign(atLast)) return NEVER_LOG2;
  return Math.min(NEVER_LOG2, -intercept / slope);
}

/**
 * The trend statistics of gaps measured at `tokens`, given the gap of each update on a resample of
 * `n` paired units (`gapAt(step index, unit indices)`): the change first → last, the slope per
 * doubling and the zero crossing, all on the same resamples (bootstrap seed 1).
 */
function trend(
  n: number,
  tokens: readonly number[],
  gapAt: (s: number, idx: Int32Array) => number,
): Pick<GapChange, 'change' | 'perDoubling' | 'zero' | 'gaps'> {
  const x = tokens.map(Math.log2);
  const last = x[x.length - 1] as number;
  const gapsOf = (idx: Int32Array) => x.map((_, s) => gapAt(s, idx));
  const change = bootstrapInterval(n, (idx) => {
    const g = gapsOf(idx);
    return (g[g.length - 1] as number) - (g[0] as number);
  });
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const gaps = gapsOf(all);
  if (x.length < 3) return { gaps, change: toDelta(change) };
  const slope = toDelta(bootstrapInterval(n, (idx) => fitLine(x, gapsOf(idx)).slope));
  const closing = slope.real && Math.sign(slope.estimate) !== Math.sign(gaps[gaps.length - 1] as number);
  if (!closing) return { gaps, change: toDelta(change), perDoubling: slope };
  const z = bootstrapInterval(n, (idx) => zeroLog2(x, gapsOf(idx), last));
  const tokensOf = (l: number) => (l >= NEVER_LOG2 ? Infinity : 2 ** l);
  return {
    gaps,
    change: toDelta(change),
    perDoubling: slope,
    zero: { tokens: tokensOf(z.estimate), low: tokensOf(z.low), high: tokensOf(z.high) },
  };
}

/** Per validation sequence, each step's summed loss differences (variant − reference) and counts. */
function sequenceSums(pairs: readonly { variant: MlmPositions; reference: MlmPositions }[]): {
  sums: Float64Array[];
  counts: Float64Array;
} {
  const first = (pairs[0] as { reference: MlmPositions }).reference;
  const groups = sequenceGroups(first.sequence);
  const sums = pairs.map(({ variant, reference }) => {
    // every update scored on the same positions, in the same order, or the gaps do not pair
    pairPositions(reference, first);
    return sumBySequence(groups, pairPositions(variant, reference).lossDifference);
  });
  return { sums, counts: groups.counts };
}

/**
 * How each variant's masked-LM gap to the reference moves over the snapshots scored for both:
 * the change from the first to the last, the slope per doubling of pretraining tokens (with 3 or
 * more snapshots) and — an extrapolation, labelled as such where it is shown — where that line
 * would reach zero. Intervals resample whole validation sequences, the same resample for every
 * snapshot (the positions are the same), as `mlmLossDifference` does for one.
 *
 * @throws FormatError (from `pairPositions`) when two snapshots were scored on other positions
 * @example
 * ```ts
 * mlmGapChanges(data)[0]; // { variant: 'radix-k3', measure: 'mlm', steps: [1000, 2000, 4000, 8000], change: { estimate: -0.3, … }, … }
 * ```
 */
export function mlmGapChanges(data: CurveData): GapChange[] {
  return data.variants
    .filter((v) => v.id !== data.reference)
    .flatMap((v) => {
      const measured = v.snapshots
        .map((s) => ({
          step: s.step,
          variant: s.positions,
          reference: snapshotOf(data, data.reference, s.step)?.positions,
        }))
        .filter(
          (m): m is { step: number; variant: MlmPositions; reference: MlmPositions } =>
            m.variant !== undefined && m.reference !== undefined,
        )
        .sort((a, b) => a.step - b.step);
      if (measured.length < 2) return [];
      const { sums, counts } = sequenceSums(measured);
      const tokens = measured.map((m) => m.step * data.tokensPerUpdate);
      const gapAt = (s: number, idx: Int32Array) => pooledMean(sums[s] as Float64Array, counts, idx);
      return [
        {
          variant: v.id,
          measure: 'mlm',
          metric: 'nats',
          steps: measured.map((m) => m.step),
          tokens,
          ...trend(counts.length, tokens, gapAt),
        },
      ];
    });
}

/**
 * Per task, how each variant's fine-tuning gap to the reference (seed-averaged test score,
 * variant − reference fine-tuned from the same updates) moves over the updates fine-tuned for
 * both: the change from the first to the last, paired over the same test examples (one bootstrap
 * resample for all four models), and with 3 or more updates the slope per doubling and its
 * extrapolated zero as {@link mlmGapChanges}.
 *
 * @throws FormatError when the runs of one task scored different test examples
 * @example
 * ```ts
 * finetuneGapChanges(data); // [{ variant: 'radix-k3', measure: 'sms-spam', metric: 'f1', steps: [2000, 8000], change, … }]
 * ```
 */
export function finetuneGapChanges(data: CurveData): GapChange[] {
  return data.tasks.flatMap(({ name: task, metric }) =>
    data.variants
      .filter((v) => v.id !== data.reference)
      .flatMap((v) => {
        const measured = v.snapshots
          .map((s) => ({
            step: s.step,
            variant: s.runs.get(task),
            reference: snapshotOf(data, data.reference, s.step)?.runs.get(task),
          }))
          .filter(
            (m): m is { step: number; variant: ModelRuns; reference: ModelRuns } =>
              m.variant !== undefined && m.reference !== undefined,
          )
          .sort((a, b) => a.step - b.step);
        if (measured.length < 2) return [];
        const examples = (measured[0] as { reference: ModelRuns }).reference.examples;
        for (const m of measured)
          for (const r of [m.variant, m.reference])
            if (r.examples !== examples)
              throw new FormatError(
                `finetuneGapChanges: ${r.model} scored other ${task} test examples than ${(measured[0] as { reference: ModelRuns }).reference.model}; the gaps cannot be paired`,
              );
        const tokens = measured.map((m) => m.step * data.tokensPerUpdate);
        const gapAt = (s: number, idx: Int32Array) => {
          const m = measured[s] as { variant: ModelRuns; reference: ModelRuns };
          return meanMetricAt(m.variant, idx) - meanMetricAt(m.reference, idx);
        };
        const n = (measured[0] as { reference: ModelRuns }).reference.gold.length;
        return [
          {
            variant: v.id,
            measure: task,
            metric,
            steps: measured.map((m) => m.step),
            tokens,
            ...trend(n, tokens, gapAt),
          },
        ];
      }),
  );
}
