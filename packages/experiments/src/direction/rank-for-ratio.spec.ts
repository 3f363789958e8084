import { rankForRatio } from './rank-for-ratio';

describe('rankForRatio', () => {
  it("gives the direction paper's SVD ranks for BERT-base: 299 / 149 / 74 at ratios 2.5 / 5 / 10", () => {
    expect([2.5, 5, 10].map((r) => rankForRatio(30522, 768, r))).toEqual([299, 149, 74]);
  });

  it('is the largest rank whose ratio N·d / (N·r + r·d) is at least the one asked for (property)', () => {
    for (const [n, d, ratio] of [
      [50265, 128, 2.5],
      [50265, 128, 10],
      [50265, 512, 5],
      [1000, 32, 3],
    ] as const) {
      const r = rankForRatio(n, d, ratio);
      expect((n * d) / (n * r + r * d)).toBeGreaterThanOrEqual(ratio);
      expect((n * d) / (n * (r + 1) + (r + 1) * d)).toBeLessThan(ratio);
    }
  });

  it('names the argument of a bad input', () => {
    expect(() => rankForRatio(50265, 128, 1)).toThrow(/ratio must be a finite number > 1; got 1/);
    expect(() => rankForRatio(50265, 128, 500)).toThrow(/ratio 500 is out of reach for 50265 × 128/);
    expect(() => rankForRatio(0, 128, 2)).toThrow(/vocabSize/);
  });
});
