import { describe, FormatError } from '@ksub/core';
import type { TableFactorsDescription } from './table-factors-description';

/**
 * File beside `model.json` that describes the compressed table.
 *
 * @example
 * ```ts
 * join(outDir, KSUB_TABLE_JSON); // 'out/ksub-table.json'
 * ```
 */
export const KSUB_TABLE_JSON = 'ksub-table.json';
/**
 * File beside `model.json` that holds the encoded factors.
 *
 * @example
 * ```ts
 * join(outDir, KSUB_TABLE_BIN); // 'out/ksub-table.bin'
 * ```
 */
export const KSUB_TABLE_BIN = 'ksub-table.bin';
/**
 * `format` of a {@link KSUB_TABLE_JSON}.
 *
 * @example
 * ```ts
 * table.format === KSUB_TABLE_FORMAT; // 'ksub-compressed-table'
 * ```
 */
export const KSUB_TABLE_FORMAT = 'ksub-compressed-table';
/**
 * The one version of {@link KSUB_TABLE_JSON} this code writes and reads.
 *
 * @example
 * ```ts
 * table.version === KSUB_TABLE_VERSION; // 1
 * ```
 */
export const KSUB_TABLE_VERSION = 1;
/**
 * Key of `model.json`'s `userDefinedMetadata` that marks a model whose weight lives in
 * {@link KSUB_TABLE_JSON}: `{ file: 'ksub-table.json', weight: 'module/Embeddings_en' }`. It lets
 * a reader name the weight when that file is missing.
 *
 * @example
 * ```ts
 * modelJson.userDefinedMetadata[KSUB_TABLE_METADATA_KEY].weight; // 'module/Embeddings_en'
 * ```
 */
export const KSUB_TABLE_METADATA_KEY = 'ksubTable';

/**
 * The contents of `ksub-table.json`, written by {@link writeCompressedGraphModel}: which weight
 * of the graph model is stored compressed, its shape and place, and how to decode
 * `ksub-table.bin`.
 *
 * @example
 * ```ts
 * const file: KsubTableFile = JSON.parse(await readFile('out/ksub-table.json', 'utf8'));
 * file.weight; // 'module/Embeddings_en'
 * ```
 */
export interface KsubTableFile {
  /** Always {@link KSUB_TABLE_FORMAT}. */
  readonly format: typeof KSUB_TABLE_FORMAT;
  /** Always {@link KSUB_TABLE_VERSION}. */
  readonly version: typeof KSUB_TABLE_VERSION;
  /** The graph model's weight the factors stand for. */
  readonly weight: string;
  /** Type of the rebuilt weight. */
  readonly dtype: 'float32';
  /** Its shape, [rows, cols]. */
  readonly shape: readonly [number, number];
  /** Its position in the model's weight list, where the reader puts it back. */
  readonly index: number;
  /** Bytes of `ksub-table.bin`. */
  readonly binBytes: number;
  /** SHA-256 of `ksub-table.bin`, lower-case hex: the checksum of the factors. */
  readonly binSha256: string;
  /** Where each factor array lies in `ksub-table.bin`. */
  readonly factors: TableFactorsDescription;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown, min: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

/**
 * Parses and checks the text of a `ksub-table.json` (all but `factors`, which
 * `decodeTableFactors` checks against the bytes).
 *
 * @param fn - the public caller, first word of messages
 * @param path - the file, named in messages
 * @throws FormatError naming `fn`, `path` and (once read) the weight when the text is not JSON,
 *   is another format or version, or a field is missing or malformed
 * @example
 * ```ts
 * const table = parseKsubTableFile(text, 'out/ksub-table.json', 'readCompressedGraphModel');
 * ```
 */
export function parseKsubTableFile(text: string, path: string, fn: string): KsubTableFile {
  let where = `${fn}: ${path}`;
  const fail = (what: string): never => {
    throw new FormatError(`${where}: ${what}`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`not JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) return fail(`must hold a JSON object; got ${describe(parsed)}`);
  const p = parsed;
  // name the weight in every later message, once it is known
  if (typeof p.weight === 'string' && p.weight !== '') where = `${where}: weight ${describe(p.weight)}`;
  if (p.format !== KSUB_TABLE_FORMAT)
    fail(`format is ${describe(p.format)}; expected ${describe(KSUB_TABLE_FORMAT)}`);
  if (p.version !== KSUB_TABLE_VERSION)
    fail(`version is ${describe(p.version)}; this reader knows version ${KSUB_TABLE_VERSION}`);
  if (typeof p.weight !== 'string' || p.weight === '')
    fail(`weight must be a non-empty string; got ${describe(p.weight)}`);
  if (p.dtype !== 'float32') fail(`dtype must be "float32"; got ${describe(p.dtype)}`);
  if (!Array.isArray(p.shape) || p.shape.length !== 2 || !p.shape.every((n) => isCount(n, 1)))
    fail(`shape must be [rows, cols] of positive integers; got ${describe(p.shape)}`);
  if (!isCount(p.index, 0)) fail(`index must be an integer ≥ 0; got ${describe(p.index)}`);
  if (!isCount(p.binBytes, 0)) fail(`binBytes must be an integer ≥ 0; got ${describe(p.binBytes)}`);
  if (typeof p.binSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(p.binSha256))
    fail(`binSha256 must be 64 lower-case hex digits; got ${describe(p.binSha256)}`);
  if (!isObject(p.factors)) fail(`factors must be an object; got ${describe(p.factors)}`);
  return p as unknown as KsubTableFile;
}
