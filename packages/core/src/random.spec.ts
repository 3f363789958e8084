import { Rng } from './random';

describe('Rng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = Array.from(
      { length: 8 },
      (
        (r) => () =>
          r.nextUint32()
      )(Rng.fromSeed(7)),
    );
    const b = Array.from(
      { length: 8 },
      (
        (r) => () =>
          r.nextUint32()
      )(Rng.fromSeed(7)),
    );
    const c = Array.from(
      { length: 8 },
      (
        (r) => () =>
          r.nextUint32()
      )(Rng.fromSeed(8)),
    );
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('resumes exactly from a saved state', () => {
    const rng = Rng.fromSeed(123);
    rng.nextFloat();
    const restored = Rng.fromState(rng.state());
    expect([restored.nextUint32(), restored.nextFloat()]).toEqual([rng.nextUint32(), rng.nextFloat()]);
  });

  it('draws floats in [0, 1) with mean near 1/2', () => {
    const rng = Rng.fromSeed(1);
    let sum = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const x = rng.nextFloat();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    // standard error of the mean of U(0,1) over 20k draws is 0.002; 5 sigma
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
  });

  it('draws normals with mean ~0 and variance ~1', () => {
    const rng = Rng.fromSeed(3);
    const n = 20000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.nextNormal();
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    expect(Math.abs(mean)).toBeLessThan(0.035); // 5 standard errors
    expect(Math.abs(s2 / n - mean * mean - 1)).toBeLessThan(0.05);
  });

  it('permutation contains every index exactly once', () => {
    const perm = Rng.fromSeed(5).permutation(1000);
    expect(Array.from(perm).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(perm)).not.toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('fork gives a stream unlike the parent and unlike the next fork', () => {
    const parent = Rng.fromSeed(9);
    const f1 = parent.fork();
    const f2 = parent.fork();
    const draw = (r: Rng) => [r.nextUint32(), r.nextUint32()];
    expect(draw(f1)).not.toEqual(draw(f2));
  });

  it.each([
    [-1, 'Rng.fromSeed: seed must be an integer in [0, 4294967295]; got -1'],
    [1.5, 'Rng.fromSeed: seed must be an integer in [0, 4294967295]; got 1.5'],
    [2 ** 32, 'Rng.fromSeed: seed must be an integer in [0, 4294967295]; got 4294967296'],
  ])('rejects seed %p', (seed, message) => {
    expect(() => Rng.fromSeed(seed)).toThrow(new RangeError(message));
  });

  it('rejects nextInt(0) and a malformed state', () => {
    expect(() => Rng.fromSeed(1).nextInt(0)).toThrow('Rng.nextInt: n must be an integer >= 1; got 0');
    expect(() => Rng.fromState([1, 2])).toThrow(
      'Rng.fromState: state must be an array of 4 integers; got [1, 2]',
    );
  });
});
