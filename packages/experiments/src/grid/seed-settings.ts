import { assert, describe } from '@ksub/core';

/**
 * Pretraining seeds (issue #21): some variants of Tables 2–3 pretrained again with other seeds
 * (initialisation, data order, masks and dropout), everything else as their seed-1 run — the same
 * corpus, schedule and allocation file (for a clustered variant: the allocation clustered on the
 * seed-1 full model, so only the encoder's pretraining varies) — and scored as the seed-1 models
 * are, so each table can state how much of a difference is pretraining variance.
 */
export interface PretrainSeeds {
  /** Grid variant ids of Tables 2–3 (`full`, `radix-k3`); `full` among them (Δ is taken against it per seed). */
  readonly variants: readonly string[];
  /** Pretraining seeds besides the main runs' seed 1: distinct integers in [0, 2³¹ − 1], none of them 1. */
  readonly seeds: readonly number[];
  /**
   * Variants whose seed models stay scratch, under `runs/<preset>/models/` (default none: all kept
   * in the repository): a full model is ~13.8 MB in float16 against ~1.6 MB for a k-sub one, and
   * the repository keeps only seed 1's full models. Their fine-tuning rows, metrics and MLM
   * positions are committed all the same.
   */
  readonly scratch?: readonly string[];
}

/** The largest seed a pretraining config takes. */
const MAX_SEED = 0x7fff_ffff;

/**
 * A pretraining seed's model in ids, files and the fine-tuning CSVs' model column:
 * `<variant>-s<seed>`.
 *
 * @example
 * ```ts
 * seedLabel('radix-k3', 2); // 'radix-k3-s2'
 * ```
 */
export function seedLabel(variant: string, seed: number): string {
  return `${variant}-s${seed}`;
}

/**
 * Checks a preset's pretraining-seed settings: at least one variant, each a known grid variant,
 * distinct, `full` among them; at least one seed, each an integer in [0, 2³¹ − 1] other than 1
 * (the main runs' seed), distinct.
 *
 * @param where - the settings' name in messages (`mini.pretrainSeeds`)
 * @param known - the grid variant ids the settings may name (Tables 2–3's)
 * @throws RangeError naming the field and its value at the first rule broken
 * @example
 * ```ts
 * checkPretrainSeeds({ variants: ['full', 'radix-k3'], seeds: [2, 3] }, 'mini.pretrainSeeds', ['full', 'radix-k3']);
 * ```
 */
export function checkPretrainSeeds(settings: PretrainSeeds, where: string, known: readonly string[]): void {
  const check = (ok: boolean, message: () => string) =>
    assert(ok, () => `checkPretrainSeeds: ${where}.${message()}`, RangeError);
  const { variants, seeds } = settings;
  check(variants.length > 0, () => 'variants must name at least one variant; got []');
  for (const v of variants)
    check(
      known.includes(v),
      () => `variants must be grid variants of Tables 2–3 (${known.join(', ')}); got ${describe(v)}`,
    );
  check(
    new Set(variants).size === variants.length,
    () => `variants must be distinct; got ${describe(variants)}`,
  );
  check(
    variants.includes('full'),
    () =>
      `variants must include "full" (each seed's Δ is taken against full's same seed); got ${describe(variants)}`,
  );
  for (const v of settings.scratch ?? [])
    check(
      variants.includes(v),
      () => `scratch must name variants of ${where}.variants (${variants.join(', ')}); got ${describe(v)}`,
    );
  check(seeds.length > 0, () => 'seeds must list at least one seed; got []');
  seeds.forEach((s, i) => {
    check(
      Number.isSafeInteger(s) && s >= 0 && s <= MAX_SEED,
      () => `seeds[${i}] must be an integer in [0, ${MAX_SEED}]; got ${describe(s)}`,
    );
    check(s !== 1, () => `seeds[${i}] must not be 1 (the main runs' seed); got 1`);
  });
  check(new Set(seeds).size === seeds.length, () => `seeds must be distinct; got ${describe(seeds)}`);
}
