import { describe } from '@ksub/core';

/** One weight of a TensorFlow.js weights manifest. */
export interface ManifestWeight {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly quantization?: { readonly dtype: string; readonly scale?: number; readonly min?: number };
}

/** One group of a weights manifest: shard files, read as one byte stream, and their weights. */
export interface ManifestGroup {
  readonly paths: readonly string[];
  readonly weights: readonly ManifestWeight[];
}

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkWeight(value: unknown, where: string, fail: (what: string) => never): ManifestWeight {
  if (!isObject(value)) return fail(`${where} must be an object; got ${describe(value)}`);
  const { name, shape, dtype, quantization: q } = value;
  if (typeof name !== 'string') fail(`${where}: name must be a string; got ${describe(name)}`);
  const at = `${where} (${describe(name)})`;
  if (!Array.isArray(shape) || !shape.every(isCount))
    fail(`${at}: shape must be a list of non-negative integers; got ${describe(shape)}`);
  if (typeof dtype !== 'string') fail(`${at}: dtype must be a string; got ${describe(dtype)}`);
  if (
    q !== undefined &&
    !(
      isObject(q) &&
      typeof q.dtype === 'string' &&
      ['scale', 'min'].every((k) => q[k] === undefined || Number.isFinite(q[k]))
    )
  )
    fail(`${at}: quantization must be { dtype, scale?, min? } with finite numbers; got ${describe(q)}`);
  return value as unknown as ManifestWeight;
}

/**
 * Checks a parsed `model.json` (its `weightsManifest`) or a bare weights manifest (a list of
 * groups, as in a saved ksub model's `weights.json`) and returns its groups. Every group needs a
 * list of shard `paths` and a list of `weights`, each with a string `name` and `dtype` and a
 * `shape` of non-negative integers, since the offset of a weight depends on all before it.
 *
 * @param parsed - the parsed JSON
 * @param fail - throws (a FormatError naming the file)
 * @example
 * ```ts
 * checkManifest([{ paths: ['w.bin'], weights: [{ name: 'e', shape: [1, 3], dtype: 'float32' }] }], fail);
 * ```
 */
export function checkManifest(parsed: unknown, fail: (what: string) => never): ManifestGroup[] {
  const groups = Array.isArray(parsed) ? parsed : isObject(parsed) ? parsed.weightsManifest : undefined;
  if (!Array.isArray(groups))
    fail(
      `no weights manifest: expected a model.json with weightsManifest or a list of groups; got ${describe(parsed)}`,
    );
  return (groups as unknown[]).map((group, g) => {
    const where = `weightsManifest[${g}]`;
    if (!isObject(group)) return fail(`${where} must be an object; got ${describe(group)}`);
    const { paths, weights } = group;
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string'))
      fail(`${where}.paths must be a list of file names; got ${describe(paths)}`);
    if (!Array.isArray(weights)) fail(`${where}.weights must be a list; got ${describe(weights)}`);
    return {
      paths: paths as string[],
      weights: (weights as unknown[]).map((w, i) => checkWeight(w, `${where}.weights[${i}]`, fail)),
    };
  });
}
