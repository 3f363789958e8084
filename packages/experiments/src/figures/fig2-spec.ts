import type { TopLevelSpec } from 'vega-lite';
import { modelColor } from '../plots/model-color';

/**
 * Fig. 2's Vega-Lite spec: cumulative explained variance of the first `components` principal
 * components of each model's token-embedding matrix (full, k-sub reconstructed), models in the
 * order `ratios` lists them.
 */
export function fig2Spec(
  ratios: ReadonlyMap<string, Float64Array>,
  components: number,
  title: string,
): TopLevelSpec {
  const values = [...ratios].flatMap(([model, r]) => {
    let sum = 0;
    return Array.from(r.subarray(0, components), (v, i) => {
      sum += v;
      return { model, component: i + 1, cumulative: sum };
    });
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 520,
    height: 300,
    data: { values },
    mark: { type: 'line', point: { size: 10 } },
    encoding: {
      x: { field: 'component', type: 'quantitative', title: 'principal component' },
      y: {
        field: 'cumulative',
        type: 'quantitative',
        title: 'cumulative explained variance',
        scale: { domain: [0, 1] },
      },
      color: modelColor('model', [...ratios.keys()]),
    },
  };
}
