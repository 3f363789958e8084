import { minimizeLbfgs } from './lbfgs';

describe('minimizeLbfgs', () => {
  it('runs its JSDoc example: the minimum of a separable quadratic, (3, −1)', () => {
    const { x, converged, losses } = minimizeLbfgs((x, g) => {
      const [a = 0, b = 0] = x;
      g[0] = 2 * (a - 3);
      g[1] = 20 * (b + 1);
      return (a - 3) ** 2 + 10 * (b + 1) ** 2;
    }, new Float64Array(2));
    expect(converged).toBe(true);
    expect(x[0]).toBeCloseTo(3, 6);
    expect(x[1]).toBeCloseTo(-1, 6);
    expect(losses[0]).toBe(19); // 9 + 10 at the start (0, 0)
  });

  it('finds the Rosenbrock minimum (1, 1), every step lowering the objective', () => {
    const start = Float64Array.of(-1.2, 1);
    const { x, losses, converged } = minimizeLbfgs(
      (x, g) => {
        const [a = 0, b = 0] = x;
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      start,
      { tolerance: 1e-8, maxIterations: 1000 },
    );
    expect(converged).toBe(true);
    expect(x[0]).toBeCloseTo(1, 5);
    expect(x[1]).toBeCloseTo(1, 5);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThanOrEqual(losses[i - 1] as number);
    expect(Array.from(start)).toEqual([-1.2, 1]); // x0 untouched
  });

  it('stops at the iteration cap, not converged', () => {
    const r = minimizeLbfgs(
      (x, g) => {
        const [a = 0] = x;
        g[0] = 2 * a;
        return a ** 2;
      },
      Float64Array.of(5),
      { maxIterations: 0 },
    );
    expect([r.converged, Array.from(r.x), Array.from(r.losses)]).toEqual([false, [5], [25]]);
  });
});
