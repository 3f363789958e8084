import { assert, assertInteger, describe } from '@ksub/core';

/**
 * Linear warmup then linear decay (RoBERTa's `polynomial_decay` with power 1, Hugging Face's
 * `get_linear_schedule_with_warmup`): the learning rate of update u (1-based) is
 * peak · u / warmup for u ≤ warmup, then peak · (total − u) / (total − warmup), reaching 0 at the
 * last update.
 *
 * @throws RangeError for a peak ≤ 0, warmup outside [0, total], a total < 1 or u outside [1, total].
 * @example
 * ```ts
 * linearWarmupDecay(1e-3, 10, 100, 5); // 5e-4
 * ```
 */
export function linearWarmupDecay(peak: number, warmup: number, total: number, update: number): number {
  const fn = 'linearWarmupDecay';
  assert(
    peak > 0 && Number.isFinite(peak),
    () => `${fn}: peak must be a positive number; got ${describe(peak)}`,
    RangeError,
  );
  assertInteger(fn, 'total', total, { min: 1 });
  assertInteger(fn, 'warmup', warmup, { min: 0, max: total });
  assertInteger(fn, 'update', update, { min: 1, max: total });
  if (update <= warmup) return (peak * update) / warmup;
  return warmup === total ? peak : (peak * (total - update)) / (total - warmup);
}
