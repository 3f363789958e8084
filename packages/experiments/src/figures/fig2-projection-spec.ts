import type { TopLevelSpec } from 'vega-lite';
import { firstSeen } from '../plots/model-color';

/** One token's place on a model's first two principal components. */
export interface ProjectedToken {
  readonly model: string;
  readonly pc1: number;
  readonly pc2: number;
  /** Colour group: the row of the last sub-embedding table (k-sub), or 0 for the full table. */
  readonly group: number;
}

/**
 * Fig. 2's maps: each model's token embeddings on their first two principal components, one panel
 * per model (in the order `points` first lists them), coloured by the last sub-embedding row as
 * the paper colours its 3-D plots (k-sub tokens sharing a row fall into the same isolated subspace).
 */
export function fig2ProjectionSpec(points: readonly ProjectedToken[], title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: { values: points.map((p) => ({ ...p, group: String(p.group % 10) })) },
    facet: { field: 'model', type: 'nominal', title: null, sort: firstSeen(points.map((p) => p.model)) },
    columns: 4,
    resolve: { scale: { x: 'independent', y: 'independent' } },
    spec: {
      width: 180,
      height: 180,
      mark: { type: 'circle', size: 6, opacity: 0.6 },
      encoding: {
        x: { field: 'pc1', type: 'quantitative', title: 'PC 1', axis: { labels: false, ticks: false } },
        y: { field: 'pc2', type: 'quantitative', title: 'PC 2', axis: { labels: false, ticks: false } },
        color: { field: 'group', type: 'nominal', legend: null, scale: { scheme: 'category10' } },
      },
    },
  };
}
