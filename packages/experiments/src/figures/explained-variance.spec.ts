import { createEmbeddingMatrix, Rng } from '@ksub/core';
import { explainedVariance } from './explained-variance';

describe('explainedVariance', () => {
  it('recovers the variance shares of independent axes (9 : 4 : 1), rotated', () => {
    const rng = Rng.fromSeed(3);
    const n = 20000;
    const data = new Float32Array(n * 3);
    // axes with standard deviations 3, 2, 1, rotated by 45° in the first two coordinates
    const c = Math.SQRT1_2;
    for (let i = 0; i < n; i++) {
      const [x, y, z] = [3 * rng.nextNormal(), 2 * rng.nextNormal(), rng.nextNormal()];
      data.set([c * x - c * y + 5, c * x + c * y - 2, z], i * 3);
    }
    const ratios = explainedVariance(createEmbeddingMatrix(n, 3, data));
    // sample variances deviate by ~√(2/n) ≈ 1% relative
    expect(ratios[0]).toBeCloseTo(9 / 14, 1);
    expect(ratios[1]).toBeCloseTo(4 / 14, 1);
    expect(ratios[2]).toBeCloseTo(1 / 14, 1);
    expect(Array.from(ratios).reduce((a, b) => a + b)).toBeCloseTo(1, 12);
  });

  it('gives a rank-1 matrix all its variance in one component', () => {
    const data = Float32Array.from(
      { length: 50 * 4 },
      (_, i) => (Math.floor(i / 4) + 1) * ([1, 2, -1, 0.5][i % 4] as number),
    );
    const ratios = explainedVariance(createEmbeddingMatrix(50, 4, data));
    expect(ratios[0]).toBeCloseTo(1, 9);
  });
});
