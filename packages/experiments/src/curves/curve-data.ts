import type { MetricName } from '@ksub/evaluation';
import type { MlmPositions } from '@ksub/training';
import type { ModelRuns } from '../tables/evidence/model-runs';

/** One validation record of a pretraining run's metrics. */
export interface ValidationPoint {
  readonly step: number;
  readonly loss: number;
  /** The unigram baseline's loss on the same positions. */
  readonly unigramLoss?: number;
}

/** A snapshot of a curve run, with what has been measured of it so far. */
export interface SnapshotData {
  readonly step: number;
  /** `curve-<variant>-u<step>`: its name in the fine-tuning rows. */
  readonly label: string;
  /** Its per-position validation losses; undefined until its `curve-mlm` cell has run. */
  readonly positions?: MlmPositions | undefined;
  /** Whether the grid fine-tunes it (`finetuneAt`). */
  readonly finetuned: boolean;
  /** Its held-out runs per task (those fine-tuned so far). */
  readonly runs: ReadonlyMap<string, ModelRuns>;
}

/** One variant's learning curve. */
export interface VariantCurve {
  readonly id: string;
  /** The curve run's validation records; undefined until it has any. */
  readonly validation?: readonly ValidationPoint[] | undefined;
  /** True when they were read from the run directory of a run under way (not the committed copy). */
  readonly inProgress?: boolean;
  /** The variant's own Table 2–3 run, annealed at its last update: its last validation. */
  readonly annealed?: ValidationPoint | undefined;
  /** That run's per-position MLM scores (the snapshots' positions); undefined until scored. */
  readonly annealedPositions?: MlmPositions | undefined;
  readonly snapshots: readonly SnapshotData[];
}

/** Everything the curves page is drawn from, read from the committed files (`readCurveData`). */
export interface CurveData {
  /** The variant the others are compared with (`full`). */
  readonly reference: string;
  /** Sequences × length of one update: tokens = updates × this. */
  readonly tokensPerUpdate: number;
  /** The tasks fine-tuned, each with its primary metric. */
  readonly tasks: readonly { readonly name: string; readonly metric: MetricName }[];
  readonly variants: readonly VariantCurve[];
  readonly computeMatched?: {
    readonly variant: string;
    readonly step: number;
    readonly referenceStep: number;
  };
  /** Inputs whose cells have not finished (file names), listed as not run yet. */
  readonly missing: readonly string[];
}

/** The snapshot of `variant` at `step`, if the curves have it. */
export function snapshotOf(data: CurveData, variant: string, step: number): SnapshotData | undefined {
  return data.variants.find((v) => v.id === variant)?.snapshots.find((s) => s.step === step);
}

/**
 * Tokens in millions (or thousands) with one decimal.
 *
 * @example
 * ```ts
 * formatTokens(2000 * 2048); // '4.1M'
 * formatTokens(30 * 1024); // '30.7k'
 * ```
 */
export function formatTokens(tokens: number): string {
  if (tokens >= 1e6) return `${(tokens / 1e6).toFixed(1)}M`;
  return tokens >= 1e3 ? `${(tokens / 1e3).toFixed(1)}k` : String(tokens);
}

/** `2,000`: updates with thousands separators. */
export function formatUpdates(step: number): string {
  return step.toLocaleString('en-US');
}
