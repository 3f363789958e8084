/**
 * Per-position values grouped by the validation sequence they come from: the unit a masked-LM
 * bootstrap resamples (positions of one sequence are not independent).
 */
export interface SequenceGroups {
  /** Per position, the index of its sequence among `counts`. */
  readonly group: Int32Array;
  /** Per sequence (in order of first appearance), how many positions it has. */
  readonly counts: Float64Array;
}

/**
 * Groups positions by their sequence id, in order of each id's first appearance.
 *
 * @example
 * ```ts
 * sequenceGroups([7, 7, 3]); // { group: [0, 0, 1], counts: [2, 1] }
 * ```
 */
export function sequenceGroups(sequence: ArrayLike<number>): SequenceGroups {
  const index = new Map<number, number>();
  const group = new Int32Array(sequence.length);
  const counts: number[] = [];
  for (let i = 0; i < sequence.length; i++) {
    const id = sequence[i] as number;
    let g = index.get(id);
    if (g === undefined) {
      g = counts.length;
      index.set(id, g);
      counts.push(0);
    }
    group[i] = g;
    counts[g] = (counts[g] as number) + 1;
  }
  return { group, counts: Float64Array.from(counts) };
}

/**
 * Per sequence, the sum of `values` over its positions.
 *
 * @throws RangeError when `values` and the groups differ in length
 * @example
 * ```ts
 * sumBySequence(sequenceGroups([7, 7, 3]), [1, 2, 4]); // [3, 4]
 * ```
 */
export function sumBySequence(groups: SequenceGroups, values: ArrayLike<number>): Float64Array {
  if (values.length !== groups.group.length)
    throw new RangeError(
      `sumBySequence: values has ${values.length} positions, the groups ${groups.group.length}`,
    );
  const sums = new Float64Array(groups.counts.length);
  for (let i = 0; i < values.length; i++) {
    const g = groups.group[i] as number;
    sums[g] = (sums[g] as number) + (values[i] as number);
  }
  return sums;
}

/**
 * The per-position mean over the sequences `indices` picks (a bootstrap resample, repeats
 * counted each time): Σ sums / Σ counts.
 *
 * @example
 * ```ts
 * pooledMean(Float64Array.of(3, 4), Float64Array.of(2, 1), [0, 0, 1]); // (3+3+4)/(2+2+1) = 2
 * ```
 */
export function pooledMean(sums: Float64Array, counts: Float64Array, indices: Iterable<number>): number {
  let s = 0;
  let c = 0;
  for (const i of indices) {
    s += sums[i] as number;
    c += counts[i] as number;
  }
  return s / c;
}
