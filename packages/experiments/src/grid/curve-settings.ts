import { assert, describe } from '@ksub/core';

/** The compute-matched control of the learning curves: one variant early against the reference later. */
export interface ComputeMatched {
  /** A curve variant (a clustered one: its allocation encodes the reference's own updates). */
  readonly variant: string;
  /** The variant's snapshot compared. */
  readonly step: number;
  /** The reference's snapshot it is compared with. */
  readonly referenceStep: number;
}

/**
 * Learning curves (issue #21): some variants of Tables 2–3 pretrained longer, their parameters at
 * a few updates kept as models (from the run's checkpoints), scored on the masked-LM validation and
 * fine-tuned. The run's other settings are the preset's `pretrain`, so its linear warmup and
 * decay are stretched over `steps`: a snapshot before the end is mid-schedule, not annealed.
 */
export interface CurveSettings {
  /** Grid variant ids of Tables 2–3 (`full`, `radix-k3`); the first is the reference the others are compared with. */
  readonly variants: readonly string[];
  /** Updates of each curve run. */
  readonly steps: number;
  /** Linear warmup updates of each curve run. */
  readonly warmupSteps: number;
  /** Updates whose parameters become models, ascending; each a multiple of the preset's checkpointEvery. */
  readonly snapshots: readonly number[];
  /** Snapshots fine-tuned under the preset's protocol (a subset of `snapshots`, each committed). */
  readonly finetuneAt: readonly number[];
  /** Checkpoints each run keeps: at least every one from the first snapshot to the end. */
  readonly keepCheckpoints: number;
  /**
   * Snapshots committed per variant (default: all of them); the others are written under `runs/`
   * (scratch: loadable while the run's checkpoints are there), which keeps a large model's many
   * snapshots out of the repository.
   */
  readonly committed?: Readonly<Record<string, readonly number[]>>;
  /** The compute-matched row (issue #21: clustered at 2,000 updates against full at 4,000). */
  readonly computeMatched?: ComputeMatched;
}

/** `[1000, 2000]` as an error message shows a list. */
const list = (values: readonly number[]): string => `[${values.join(', ')}]`;

/**
 * The snapshots of `variant` that are committed (`curves.committed`, default every snapshot).
 *
 * @example
 * ```ts
 * committedSnapshots(EXPERIMENT_PRESETS.mini.curves!, 'full'); // [2000, 8000]
 * ```
 */
export function committedSnapshots(curves: CurveSettings, variant: string): readonly number[] {
  return curves.committed?.[variant] ?? curves.snapshots;
}

/**
 * Checkpoints a run of `steps` updates writes from update `from` on (every `checkpointEvery`, and
 * at the last update): what `keepCheckpoints` must hold for the checkpoint at `from` to survive.
 *
 * @example
 * ```ts
 * checkpointsFrom(1000, 8000, 250); // 29: updates 1,000, 1,250, …, 8,000
 * ```
 */
export function checkpointsFrom(from: number, steps: number, checkpointEvery: number): number {
  const regular = Math.floor(steps / checkpointEvery) - Math.ceil(from / checkpointEvery) + 1;
  return regular + (steps % checkpointEvery === 0 ? 0 : 1);
}

/**
 * Checks a preset's learning-curve settings: known, distinct variants; warmup within the run;
 * snapshots ascending, each a multiple of `checkpointEvery` and at most `steps`; `finetuneAt`
 * within the snapshots; enough checkpoints kept that the first snapshot's survives to the end;
 * committed snapshots within the snapshots and including every fine-tuned one (fine-tuning reads
 * kept models only); a compute-matched pair of a non-reference variant and two snapshots.
 *
 * @param where - the settings' name in messages (`mini.curves`)
 * @param checkpointEvery - the preset's pretraining checkpoint interval
 * @param known - the grid variant ids the curves may name
 * @throws RangeError naming the field and its value at the first rule broken
 * @example
 * ```ts
 * checkCurveSettings(EXPERIMENT_PRESETS.mini.curves!, 'mini.curves', 250, ['full', 'radix-k3', 'clustered-naive-m100']);
 * ```
 */
export function checkCurveSettings(
  curves: CurveSettings,
  where: string,
  checkpointEvery: number,
  known: readonly string[],
): void {
  const fn = 'checkCurveSettings';
  const check = (ok: boolean, message: () => string) =>
    assert(ok, () => `${fn}: ${where}.${message()}`, RangeError);
  const { variants, steps, warmupSteps, snapshots, finetuneAt, keepCheckpoints } = curves;
  check(variants.length > 0, () => `variants must name at least one variant; got []`);
  for (const v of variants)
    check(
      known.includes(v),
      () => `variants must be grid variants (${known.join(', ')}); got ${describe(v)}`,
    );
  check(
    new Set(variants).size === variants.length,
    () => `variants must be distinct; got ${describe(variants)}`,
  );
  check(
    Number.isSafeInteger(steps) && steps >= 1,
    () => `steps must be a positive integer; got ${describe(steps)}`,
  );
  check(
    Number.isSafeInteger(warmupSteps) && warmupSteps >= 0 && warmupSteps <= steps,
    () => `warmupSteps must be an integer in [0, steps = ${steps}]; got ${describe(warmupSteps)}`,
  );
  check(snapshots.length > 0, () => `snapshots must list at least one update; got []`);
  snapshots.forEach((s, i) => {
    check(
      Number.isSafeInteger(s) && s >= 1 && s % checkpointEvery === 0,
      () =>
        `snapshots[${i}] must be a positive multiple of checkpointEvery (${checkpointEvery}); got ${describe(s)}`,
    );
    check(s <= steps, () => `snapshots[${i}] must be at most steps (${steps}); got ${s}`);
    check(
      i === 0 || s > (snapshots[i - 1] as number),
      () => `snapshots must be ascending; got ${list(snapshots)}`,
    );
  });
  for (const s of finetuneAt)
    check(snapshots.includes(s), () => `finetuneAt must be among snapshots ${list(snapshots)}; got ${s}`);
  const needed = checkpointsFrom(snapshots[0] as number, steps, checkpointEvery);
  check(
    Number.isSafeInteger(keepCheckpoints) && keepCheckpoints >= needed,
    () =>
      `keepCheckpoints must be at least ${needed} (every checkpoint from update ${snapshots[0]} to ${steps}, one per ${checkpointEvery}); got ${describe(keepCheckpoints)}`,
  );
  for (const [variant, kept] of Object.entries(curves.committed ?? {})) {
    check(variants.includes(variant), () => `committed must name curve variants; got ${describe(variant)}`);
    for (const s of kept)
      check(
        snapshots.includes(s),
        () => `committed.${variant} must be among snapshots ${list(snapshots)}; got ${s}`,
      );
    for (const s of finetuneAt)
      check(
        kept.includes(s),
        () =>
          `committed.${variant} must include every finetuneAt update (fine-tuning reads kept models); got ${list(kept)}, missing ${s}`,
      );
  }
  const matched = curves.computeMatched;
  if (matched !== undefined) {
    check(
      variants.includes(matched.variant) && matched.variant !== variants[0],
      () =>
        `computeMatched.variant must be a curve variant other than the reference ${describe(variants[0])}; got ${describe(matched.variant)}`,
    );
    for (const key of ['step', 'referenceStep'] as const)
      check(
        snapshots.includes(matched[key]),
        () =>
          `computeMatched.${key} must be among snapshots ${list(snapshots)}; got ${describe(matched[key])}`,
      );
  }
}
