import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assert, describe, fileError, FormatError, reconstructTable } from '@ksub/core';
import type { GraphModelArtifacts, GraphModelFiles, GraphWeightSpec } from '../graph-model-artifacts';
import { readGraphModelFiles } from '../read-graph-model-files';
import { weightByteLength } from '../weight-location';
import { decodeTableFactors } from './decode-table-factors';
import {
  KSUB_TABLE_BIN,
  KSUB_TABLE_JSON,
  KSUB_TABLE_METADATA_KEY,
  parseKsubTableFile,
} from './ksub-table-file';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a file the compressed model needs; a missing or unreadable one is named with the weight.
 * Resolves to `undefined` for a missing file when `optional`.
 */
async function readPart(
  fn: string,
  path: string,
  weight: string | undefined,
  optional: boolean,
): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if (optional && (error as { code?: unknown }).code === 'ENOENT') return undefined;
    const wrapped = fileError(error, 'read', path);
    const what = weight === undefined ? '' : ` weight ${describe(weight)}:`;
    const thrown = new Error(`${fn}:${what} ${wrapped.message}`, { cause: error });
    Object.assign(thrown, { code: (error as { code?: unknown }).code });
    throw thrown;
  }
}

/**
 * Reads a graph model written by {@link writeCompressedGraphModel} and rebuilds its compressed
 * weight: reads `model.json` and its shards (through {@link readGraphModelFiles}), then
 * `ksub-table.json` and `ksub-table.bin` beside it; checks the bin's length and SHA-256 against
 * the JSON, decodes the factors ({@link decodeTableFactors}), rebuilds the table with
 * `reconstructTable` of `@ksub/core`, and puts it back as a float32 weight at its old place in
 * the weight list and in `weightData` (the `ksubTable` mark is taken out of
 * `userDefinedMetadata`). The result is an ordinary {@link GraphModelFiles}: hand it to
 * {@link graphModelHandler} and TF.js's `loadGraphModel`, or to {@link graphModelWeight}. A
 * directory without `ksub-table.json` (and without the mark) reads as a plain graph model.
 *
 * @param modelJson - path of the `model.json`
 * @throws what {@link readGraphModelFiles} throws for `model.json` and its shards; Error naming
 *   the path and the weight when `ksub-table.json` (of a marked model) or `ksub-table.bin` is
 *   missing or unreadable; FormatError naming the file and the weight when the bin is shorter or
 *   longer than recorded (truncated), its checksum does not match, the description is malformed
 *   or inconsistent (with the bytes, with the weight's shape, or with `model.json`, which must not
 *   list the weight itself)
 * @example
 * ```ts
 * import { loadGraphModel } from '@tensorflow/tfjs-converter';
 * const files = await readCompressedGraphModel('models/use-lite-ksub/model.json');
 * const model = await loadGraphModel(graphModelHandler(files));
 * ```
 */
export async function readCompressedGraphModel(modelJson: string): Promise<GraphModelFiles> {
  const fn = 'readCompressedGraphModel';
  assert(
    typeof modelJson === 'string' && modelJson !== '',
    () => `${fn}: modelJson must be a path; got ${describe(modelJson)}`,
    TypeError,
  );
  const plain = await readGraphModelFiles(modelJson);
  const { artifacts } = plain;
  const mark = artifacts.userDefinedMetadata?.[KSUB_TABLE_METADATA_KEY];
  const marked = isObject(mark) && typeof mark.weight === 'string' ? mark.weight : undefined;
  const jsonPath = join(dirname(modelJson), KSUB_TABLE_JSON);
  const text = await readPart(fn, jsonPath, marked, marked === undefined);
  if (text === undefined) return plain;

  const table = parseKsubTableFile(text.toString('utf8'), jsonPath, fn);
  const { weight } = table;
  const failIn = (path: string, what: string): never => {
    throw new FormatError(`${fn}: ${path}: weight ${describe(weight)}: ${what}`);
  };
  if (marked !== undefined && marked !== weight)
    failIn(jsonPath, `${modelJson} marks weight ${describe(marked)} as the compressed one`);
  const specs = artifacts.weightSpecs;
  if (specs.some((s) => s.name === weight)) failIn(jsonPath, `${modelJson} lists this weight itself`);
  if (table.index > specs.length)
    failIn(jsonPath, `index is ${table.index}; ${modelJson} lists only ${specs.length} other weights`);

  const binPath = join(dirname(modelJson), KSUB_TABLE_BIN);
  const bin = (await readPart(fn, binPath, weight, false)) as Buffer;
  if (bin.length !== table.binBytes)
    failIn(
      binPath,
      `holds ${bin.length} bytes; ${KSUB_TABLE_JSON} records ${table.binBytes}${bin.length < table.binBytes ? ' (truncated)' : ''}`,
    );
  const sha = createHash('sha256').update(bin).digest('hex');
  if (sha !== table.binSha256)
    failIn(
      binPath,
      `checksum mismatch: its SHA-256 is ${sha}; ${KSUB_TABLE_JSON} records ${table.binSha256}`,
    );
  const where = `${fn}: ${jsonPath}: weight ${describe(weight)}`;
  const factors = decodeTableFactors(
    table.factors,
    new Uint8Array(bin.buffer, bin.byteOffset, bin.length),
    where,
  );
  const [rows, cols] = table.shape;
  const built = reconstructTable(factors);
  if (built.rows !== rows || built.cols !== cols)
    failIn(jsonPath, `shape is [${rows}, ${cols}]; the factors give [${built.rows}, ${built.cols}]`);

  let offset = 0;
  for (const s of specs.slice(0, table.index))
    offset += weightByteLength(s, (what) => failIn(modelJson, what));
  const old = new Uint8Array(artifacts.weightData);
  const fresh = new Uint8Array(built.data.buffer, built.data.byteOffset, built.data.byteLength);
  const data = new Uint8Array(old.length + fresh.length);
  data.set(old.subarray(0, offset));
  data.set(fresh, offset);
  data.set(old.subarray(offset), offset + fresh.length);
  const spec: GraphWeightSpec = { name: weight, shape: [rows, cols], dtype: 'float32' };
  const rebuilt: GraphModelArtifacts = {
    ...artifacts,
    weightSpecs: [...specs.slice(0, table.index), spec, ...specs.slice(table.index)],
    weightData: data.buffer,
  };
  const { [KSUB_TABLE_METADATA_KEY]: _mark, ...rest } = artifacts.userDefinedMetadata ?? {};
  if (Object.keys(rest).length > 0) rebuilt.userDefinedMetadata = rest;
  else delete rebuilt.userDefinedMetadata;
  return { path: modelJson, artifacts: rebuilt };
}
