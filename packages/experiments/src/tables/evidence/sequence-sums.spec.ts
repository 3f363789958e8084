import { pooledMean, sequenceGroups, sumBySequence } from './sequence-sums';

describe('per-sequence sums', () => {
  it('groups positions by sequence in order of first appearance (ids need not be sorted or adjacent)', () => {
    const g = sequenceGroups([7, 7, 3, 7, 9, 3]);
    expect(Array.from(g.group)).toEqual([0, 0, 1, 0, 2, 1]);
    expect(Array.from(g.counts)).toEqual([3, 2, 1]);
  });

  it('sums values per sequence, and the pooled mean over every sequence is the mean over positions', () => {
    const values = [1, 2, 4, 8, 16, 32];
    const g = sequenceGroups([7, 7, 3, 7, 9, 3]);
    const sums = sumBySequence(g, values);
    expect(Array.from(sums)).toEqual([1 + 2 + 8, 4 + 32, 16]);
    expect(pooledMean(sums, g.counts, [0, 1, 2])).toBeCloseTo(63 / 6, 12);
    // a resample drawing sequence 1 twice: (36 + 36 + 16) / (2 + 2 + 1)
    expect(pooledMean(sums, g.counts, [1, 1, 2])).toBeCloseTo(88 / 5, 12);
  });

  it('names the lengths when values and groups differ', () => {
    expect(() => sumBySequence(sequenceGroups([1, 2]), [1, 2, 3])).toThrow(
      'sumBySequence: values has 3 positions, the groups 2',
    );
  });
});
