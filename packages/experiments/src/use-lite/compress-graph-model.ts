import { type CompressedTable, type EmbeddingMatrix, factorBytes, reconstructTable } from '@ksub/core';
import {
  type CompressedModelReport,
  graphModelWeight,
  readGraphModelFiles,
  writeCompressedGraphModel,
} from '@ksub/pretrained';
import { getTableCompressor } from './table-compressors';

/** What {@link compressGraphModel} does. */
export interface CompressGraphModelOptions {
  /** The source graph's `model.json`. */
  readonly modelJson: string;
  /** The weight to compress (a 2-D float32 table, e.g. `module/Embeddings_en`). */
  readonly weight: string;
  /** A registered table compressor. */
  readonly method: string;
  /** Compression ratio of the weight: its float32 bytes / the budget. */
  readonly ratio: number;
  /** The directory to write (absent, empty, or an earlier output of this command). */
  readonly outDir: string;
  /** Seed of the compressor (default 1). */
  readonly seed?: number;
  readonly progress?: boolean;
}

/** What {@link compressGraphModel} returns. */
export interface CompressGraphModelResult {
  readonly compressed: CompressedTable;
  /** The weight as the compressed model rebuilds it at load time. */
  readonly table: EmbeddingMatrix;
  readonly report: CompressedModelReport;
}

/**
 * Compresses one weight of a TF.js graph model post hoc and writes a model directory that stores
 * it as its factors (`readCompressedGraphModel` of `@ksub/pretrained` rebuilds the table at load
 * time; the rest of the model is unchanged).
 *
 * @throws RangeError naming `ratio` when it is not > 1; the reader's errors naming the file and
 *   weight when the model has no such weight; the compressor's when no setting fits the budget
 */
export async function compressGraphModel(
  options: CompressGraphModelOptions,
): Promise<CompressGraphModelResult> {
  const fn = 'compressGraphModel';
  if (!(Number.isFinite(options.ratio) && options.ratio > 1))
    throw new RangeError(`${fn}: ratio must be a number > 1; got ${String(options.ratio)}`);
  const files = await readGraphModelFiles(options.modelJson);
  const original = graphModelWeight(files, options.weight);
  const compressor = getTableCompressor(options.method, { progress: options.progress ?? false });
  const budget = (4 * original.rows * original.cols) / options.ratio;
  const compressed = await compressor.compress(original, { bytes: budget, seed: options.seed ?? 1 });
  if (factorBytes(compressed.factors) > budget)
    throw new Error(
      `${fn}: ${options.method} returned ${factorBytes(compressed.factors)} bytes for a budget of ${budget}`,
    );
  const report = await writeCompressedGraphModel(files, options.weight, compressed.factors, options.outDir);
  return { compressed, table: reconstructTable(compressed.factors), report };
}
