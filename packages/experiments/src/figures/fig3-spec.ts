import type { TopLevelSpec } from 'vega-lite';
import { firstSeen, modelColor } from '../plots/model-color';

/** Inter- and intra-similarity of one model's layer. */
export interface SimilarityPoint {
  readonly model: string;
  readonly layer: number;
  readonly inter: number;
  readonly intra: number;
}

/**
 * Fig. 3's Vega-Lite spec: S_inter and S_intra of the hidden states per layer (0 = embedding
 * output), one line per model (in the order `points` first lists them), the two measures side by
 * side.
 */
export function fig3Spec(points: readonly SimilarityPoint[], title: string): TopLevelSpec {
  const values = points.flatMap((p) => [
    { model: p.model, layer: p.layer, measure: 'S_inter (different tokens)', value: p.inter },
    { model: p.model, layer: p.layer, measure: 'S_intra (same token, other contexts)', value: p.intra },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: { values },
    facet: { column: { field: 'measure', type: 'nominal', title: null } },
    spec: {
      width: 260,
      height: 240,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'layer', type: 'ordinal', title: 'layer (0 = embeddings)' },
        y: { field: 'value', type: 'quantitative', title: 'mean cosine', scale: { domain: [-0.1, 1] } },
        color: modelColor('model', firstSeen(points.map((p) => p.model))),
      },
    },
  };
}
