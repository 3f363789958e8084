import { withDefaults } from './with-defaults';

describe('withDefaults', () => {
  it('lays the set fields over the defaults, as in its example', () => {
    expect(withDefaults({ seed: 0, maxIter: 300 }, { k: 5, seed: undefined })).toEqual({
      seed: 0,
      maxIter: 300,
      k: 5,
    });
    expect(withDefaults({ seed: 0, maxIter: 300 }, { seed: 7, maxIter: 0 })).toEqual({ seed: 7, maxIter: 0 });
  });

  it('keeps falsy values that are set (0, false, NaN, null) and leaves both inputs alone', () => {
    const defaults = Object.freeze({ a: 1, b: true, c: 2, d: 'x' as string | null });
    const options = { a: 0, b: false, c: Number.NaN, d: null };
    expect(withDefaults(defaults, options)).toEqual({ a: 0, b: false, c: Number.NaN, d: null });
    expect(defaults).toEqual({ a: 1, b: true, c: 2, d: 'x' });
    expect(options).toEqual({ a: 0, b: false, c: Number.NaN, d: null });
  });
});
