import { assert, describe } from '@ksub/core';
import type { BaselineMetric } from './bag-of-words-baseline';

/** The metrics an L2-searched probe can be chosen on. */
export const PROBE_METRICS: readonly BaselineMetric[] = Object.freeze(['accuracy', 'f1', 'matthews']);

/**
 * Checks the options every L2-searched logistic-regression probe shares: the metric L2 is chosen
 * on, and a non-empty grid of positive finite L2 strengths.
 *
 * @param fn - the caller, named in errors
 * @throws TypeError naming `metric` when it is not one of {@link PROBE_METRICS}; RangeError naming
 *   `l2Grid` (or the entry) when it is empty or holds a non-positive or non-finite value
 * @example
 * ```ts
 * checkProbeOptions('vectorProbe', 'accuracy', [1e-3, 1e-2]);
 * ```
 */
export function checkProbeOptions(fn: string, metric: BaselineMetric, grid: readonly number[]): void {
  assert(
    PROBE_METRICS.includes(metric),
    () => `${fn}: metric must be one of ${PROBE_METRICS.join(', ')}; got ${describe(metric)}`,
    TypeError,
  );
  assert(grid.length > 0, () => `${fn}: l2Grid must not be empty; got []`, RangeError);
  grid.forEach((l2, i) =>
    assert(
      Number.isFinite(l2) && l2 > 0,
      () => `${fn}: l2Grid[${i}] must be a positive finite number; got ${describe(l2)}`,
      RangeError,
    ),
  );
}
