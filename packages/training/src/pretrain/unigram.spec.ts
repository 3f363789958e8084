import { UnigramBaseline } from './unigram';

describe('UnigramBaseline', () => {
  // vocabulary 4; id 0 special; counts: id1 3, id2 1, id3 0 → total 4; p = (c + 1) / (4 + 4)
  const u = new UnigramBaseline([Int32Array.of(0, 1, 1, 2, 0), Int32Array.of(1, 0)], 4, (id) => id === 0);

  it('scores labels by add-one-smoothed frequencies, specials excluded (hand-derived)', () => {
    expect(u.lossSum(Int32Array.of(1))).toBeCloseTo(-Math.log(4 / 8), 12);
    expect(u.lossSum(Int32Array.of(2, 3))).toBeCloseTo(-Math.log(2 / 8) - Math.log(1 / 8), 12);
    expect(u.loss(3)).toBeCloseTo(-Math.log(1 / 8), 12);
    expect(u.loss(2) + u.loss(3)).toBe(u.lossSum(Int32Array.of(2, 3)));
  });

  it('predicts its most frequent token: top-1 right exactly where the label is that token', () => {
    expect(u.mostFrequent).toBe(1);
    expect(u.correctCount(Int32Array.of(1, 2, 1, 3))).toBe(2);
    expect(u.correctCount(new Int32Array(0))).toBe(0);
  });

  it('breaks ties by the lowest id and never predicts a special token', () => {
    // id 0 is the most frequent but special; ids 2 and 3 tie (2 each) → 2
    const tied = new UnigramBaseline([Int32Array.of(0, 0, 0, 3, 2, 3, 2, 1)], 4, (id) => id === 0);
    expect(tied.mostFrequent).toBe(2);
    expect(new UnigramBaseline([], 4, (id) => id < 2).mostFrequent).toBe(2);
    expect(new UnigramBaseline([], 2, () => true).mostFrequent).toBe(-1);
  });
});
