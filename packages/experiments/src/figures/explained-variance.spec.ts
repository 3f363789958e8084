import { createEmbeddingMatrix, Rng } from '@ksub/core';
import { explainedVariance, principalComponents, projectRows } from './explained-variance';

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

  it("finds a k-sub matrix's centred rank: the sum over tables of (rows used − 1) (hand-derived)", () => {
    // 40 tokens, 3 tables of 4 rows × 4 columns, rows by base-4 digits: the low two digits use all
    // 4 rows, the leading digit only 0..2 (40 = 2·16 + 8), so the rank is 3 + 3 + 2 = 8 of 12
    const rng = Rng.fromSeed(5);
    const [numTokens, k, rows, width] = [40, 3, 4, 4];
    const tables = Array.from({ length: k }, () =>
      Float32Array.from({ length: rows * width }, () => rng.nextNormal()),
    );
    const data = new Float32Array(numTokens * k * width);
    for (let t = 0; t < numTokens; t++) {
      for (let j = 0; j < k; j++) {
        const row = Math.floor(t / rows ** j) % rows;
        data.set((tables[j] as Float32Array).subarray(row * width, (row + 1) * width), (t * k + j) * width);
      }
    }
    const ratios = explainedVariance(createEmbeddingMatrix(numTokens, k * width, data));
    expect(Array.from(ratios).filter((r) => r > 1e-6)).toHaveLength(8);
    expect(
      Array.from(ratios)
        .slice(0, 8)
        .reduce((a, b) => a + b),
    ).toBeCloseTo(1, 6);
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

describe('projectRows', () => {
  it('maps points on a line to their signed distance along it (hand-derived), the mean at 0', () => {
    // rows t · (3, 4) / 5 for t = −2 … 2: one component, direction ±(0.6, 0.8)
    const ts = [-2, -1, 0, 1, 2];
    const data = Float32Array.from(ts.flatMap((t) => [0.6 * t, 0.8 * t]));
    const matrix = createEmbeddingMatrix(5, 2, data);
    const pca = principalComponents(matrix);
    const coords = projectRows(matrix, pca, [0, 2, 4], 2);
    const sign = Math.sign(coords[4] as number);
    expect(sign * (coords[0] as number)).toBeCloseTo(-2, 5);
    expect(coords[2] as number).toBeCloseTo(0, 5);
    expect(sign * (coords[4] as number)).toBeCloseTo(2, 5);
    for (const i of [1, 3, 5]) expect(coords[i] as number).toBeCloseTo(0, 5); // nothing off the line
    expect(pca.variances[0]).toBeCloseTo(2.5, 5); // sample variance of −2…2
  });
});
