/** `defaults` overridden by `options`: a field `options` may leave undefined keeps the default's type. */
export type WithDefaults<D, O> = Omit<O, keyof D> & {
  readonly [K in keyof D]: D[K] | Exclude<O[K & keyof O], undefined>;
};

/**
 * Merges options with their defaults once, at a public boundary: the fields of `options` that are
 * set, over `defaults`. An explicit `undefined` keeps the default, as `options.x ?? default` did —
 * a plain spread would let it through.
 *
 * @example
 * ```ts
 * withDefaults({ seed: 0, maxIter: 300 }, { k: 5, seed: undefined }); // { seed: 0, maxIter: 300, k: 5 }
 * ```
 */
export function withDefaults<D extends object, O extends object>(
  defaults: D,
  options: O,
): WithDefaults<D, O> {
  const merged: Record<string, unknown> = {};
  Object.assign(merged, defaults);
  for (const [key, value] of Object.entries(options)) if (value !== undefined) merged[key] = value;
  return merged as WithDefaults<D, O>;
}
