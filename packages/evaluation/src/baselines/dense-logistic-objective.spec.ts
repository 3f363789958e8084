import { Rng } from '@ksub/core';
import { denseLogisticObjective } from './dense-logistic-objective';

describe('denseLogisticObjective', () => {
  const rng = Rng.fromSeed(9);
  const rows = 10;
  const cols = 6;
  const k = 3;
  const x = { data: Float32Array.from({ length: rows * cols }, () => rng.nextNormal()), rows, cols };
  const labels = Int32Array.from({ length: rows }, (_, i) => i % k);

  it('is ln K at all-zero weights (its JSDoc example)', () => {
    const f = denseLogisticObjective(x, labels, k, 1e-3);
    expect(f(new Float64Array(cols * k + k), new Float64Array(cols * k + k))).toBeCloseTo(Math.log(k), 12);
  });

  it('has the gradient of its objective (central differences in float64)', () => {
    const f = denseLogisticObjective(x, labels, k, 0.1);
    const theta = Float64Array.from({ length: cols * k + k }, () => rng.nextFloat() - 0.5);
    const grad = new Float64Array(theta.length);
    f(theta, grad);
    const scratch = new Float64Array(theta.length);
    const h = 1e-6;
    for (let j = 0; j < theta.length; j++) {
      const plus = Float64Array.from(theta);
      const minus = Float64Array.from(theta);
      plus[j] = (plus[j] as number) + h;
      minus[j] = (minus[j] as number) - h;
      expect(grad[j]).toBeCloseTo((f(plus, scratch) - f(minus, scratch)) / (2 * h), 7);
    }
  });
});
