import { UnigramBaseline } from './unigram';

describe('UnigramBaseline', () => {
  it('scores labels by add-one-smoothed frequencies, specials excluded (hand-derived)', () => {
    // vocabulary 4; id 0 special; counts: id1 3, id2 1, id3 0 → total 4; p = (c + 1) / (4 + 4)
    const u = new UnigramBaseline([Int32Array.of(0, 1, 1, 2, 0), Int32Array.of(1, 0)], 4, (id) => id === 0);
    expect(u.lossSum(Int32Array.of(1))).toBeCloseTo(-Math.log(4 / 8), 12);
    expect(u.lossSum(Int32Array.of(2, 3))).toBeCloseTo(-Math.log(2 / 8) - Math.log(1 / 8), 12);
  });
});
