import { minimalRows } from '@ksub/index-mapping';
// types only: building a grid loads none of the cells' code
import type { CellArgsInput } from '../cells/cell-kinds';
import { type GridPaths, modelOf, pretrainDir, tokenEmbeddingsOf } from './paths';
import type { ExperimentPreset } from './presets';

/** An `allocate` cell's args but the seed and the file, which the model chain adds. */
export type AllocationArgs = Omit<CellArgsInput['allocate'], 'seed' | 'out'>;

/** An embedding variant of the grid: how its allocation is made (none for the full baseline). */
export interface Variant {
  /** The variant's id in cell ids and table rows: `full`, `radix-k3`, `clustered-equal-m50`. */
  readonly id: string;
  /** `allocate` cell settings, or null for the full embedding. */
  readonly allocation: AllocationArgs | null;
  /** Cells the allocation needs (the trained baseline, for clustering on its embeddings). */
  readonly needs: readonly string[];
}

/** The full embedding: no allocation. */
export const FULL: Variant = { id: 'full', allocation: null, needs: [] };

/**
 * Table 2's variants: the full baseline and, for each k, Algorithm 1 as the paper writes it —
 * `radix`: token n's row in table j is the j-th base-M digit of n (the paper's "randomly allocated"
 * baseline; no random draw).
 */
export function table2Variants(preset: ExperimentPreset): Variant[] {
  return [
    FULL,
    ...preset.ks.map((k) => ({
      id: `radix-k${k}`,
      allocation: { method: 'radix', k, dim: preset.hidden },
      needs: [],
    })),
  ];
}

/**
 * Table 3's variants: k = 3 clustered (Algorithm 2), naive and equal-size k-means on the trained
 * baseline's own token embeddings (our substitute: the paper clustered roberta-base's, which
 * `preset.clustered.source` can name), and equal-size on GloVe aligned to the vocabulary.
 */
export function table3Variants(preset: ExperimentPreset, paths: GridPaths): Variant[] {
  const external = preset.clustered.source;
  const baseline = external ?? tokenEmbeddingsOf(modelOf(pretrainDir(paths, '', 'full')));
  const needs = external === undefined ? ['pretrain-full'] : [];
  const clustered = (
    variant: 'naive' | 'equal',
    rows: number,
    embeddings: string,
    needs: string[],
    prefix = 'clustered',
  ): Variant => ({
    id: `${prefix}-${variant}-m${rows}`,
    allocation: { method: 'clustered', k: 3, rows, variant, embeddings, dim: preset.hidden },
    needs,
  });
  return [
    ...preset.clustered.naive.map((m) => clustered('naive', m, baseline, needs)),
    ...preset.clustered.equal.map((m) => clustered('equal', m, baseline, needs)),
    clustered('equal', preset.clustered.gloveEqual, 'glove', [], 'glove'),
  ];
}

/** Rows per table of Table 4's clustered variant: twice the random one's, as the paper (63 → 128). */
export function table4ClusteredRows(preset: ExperimentPreset): number {
  return 2 * minimalRows(preset.table4.vocabSize, 3);
}

/**
 * Table 4's variants over the multilingual vocabulary: full, random 3-sub (`radix`) and clustered
 * 3-sub (equal-size, on the trained multilingual baseline's embeddings).
 */
export function table4Variants(preset: ExperimentPreset, paths: GridPaths): Variant[] {
  const t4 = preset.table4;
  const rows = table4ClusteredRows(preset);
  const baseline = tokenEmbeddingsOf(modelOf(pretrainDir(paths, 'ml-', 'full')));
  const common = { dim: preset.hidden, tokenizer: t4.tokenizer };
  return [
    FULL,
    { id: 'radix-k3', allocation: { method: 'radix', k: 3, ...common }, needs: [] },
    {
      id: `clustered-equal-m${rows}`,
      allocation: {
        method: 'clustered',
        k: 3,
        rows,
        variant: 'equal',
        embeddings: baseline,
        ...(t4.clusterMaxIter === undefined ? {} : { maxIter: t4.clusterMaxIter }),
        ...common,
      },
      needs: ['ml-pretrain-full'],
    },
  ];
}

/**
 * Embedding parameters of a grid variant, from its id: N·d for `full`, M·d for `radix-k<k>`
 * (M = the fewest rows with M^k ≥ N; the k tables' widths sum to d), R·d for a clustered variant
 * of R rows per table.
 *
 * @example
 * ```ts
 * embeddingParamsOf('radix-k3', EXPERIMENT_PRESETS.paper); // 37 · 512 = 18,944
 * ```
 */
export function embeddingParamsOf(variant: string, preset: ExperimentPreset): number {
  const n = preset.vocabSize;
  const radix = /^radix-k(\d+)$/.exec(variant);
  if (radix !== null) return minimalRows(n, Number(radix[1])) * preset.hidden;
  const clustered = /-m(\d+)$/.exec(variant);
  if (clustered !== null) return Number(clustered[1]) * preset.hidden;
  return n * preset.hidden;
}
