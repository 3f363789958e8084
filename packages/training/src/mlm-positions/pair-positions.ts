import { FormatError } from '@ksub/core';
import type { MlmPositions } from './mlm-positions';

/** Two models' scores paired position by position, as {@link pairPositions} gives them. */
export interface PositionPairs {
  /** Positions paired. */
  readonly count: number;
  /** a.loss − b.loss at each position (nats): below 0 where a predicts the token better. */
  readonly lossDifference: Float64Array;
  /** a.correct − b.correct at each position: 1, 0 or −1. */
  readonly correctDifference: Int8Array;
}

const triple = (p: MlmPositions, i: number): string =>
  `(sequence ${p.sequence[i]}, position ${p.position[i]}, token ${p.token[i]})`;

/**
 * Pairs two models' per-position scores for a paired comparison: checks that `a` and `b` cover the
 * same (sequence, position, token) triples in the same order — scores of the same validation set
 * and masks — and gives the per-position differences.
 *
 * @throws FormatError naming both sources and the first row (0-based; line row + 2 of a CSV)
 *   where the triples differ, or where one ends before the other
 * @example
 * ```ts
 * const pairs = pairPositions(await readPositionsCsv(full), await readPositionsCsv(ksub));
 * pairs.lossDifference.reduce((s, d) => s + d, 0) / pairs.count; // mean loss difference
 * ```
 */
export function pairPositions(a: MlmPositions, b: MlmPositions): PositionPairs {
  const nameA = a.source ?? 'a';
  const nameB = b.source ?? 'b';
  const n = Math.min(a.sequence.length, b.sequence.length);
  for (let i = 0; i < n; i++)
    if (a.sequence[i] !== b.sequence[i] || a.position[i] !== b.position[i] || a.token[i] !== b.token[i])
      throw new FormatError(
        `pairPositions: ${nameA} and ${nameB} differ at row ${i} (line ${i + 2}): ${triple(a, i)} vs ${triple(b, i)}; they were not scored on the same validation positions`,
      );
  if (a.sequence.length !== b.sequence.length) {
    const [name, longer] = a.sequence.length > n ? [nameA, a] : [nameB, b];
    throw new FormatError(
      `pairPositions: ${nameA} has ${a.sequence.length} positions, ${nameB} ${b.sequence.length}: the first unpaired is ${name}'s row ${n} (line ${n + 2}) ${triple(longer, n)}`,
    );
  }
  const lossDifference = new Float64Array(n);
  const correctDifference = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    lossDifference[i] = (a.loss[i] as number) - (b.loss[i] as number);
    correctDifference[i] = (a.correct[i] as number) - (b.correct[i] as number);
  }
  return { count: n, lossDifference, correctDifference };
}
