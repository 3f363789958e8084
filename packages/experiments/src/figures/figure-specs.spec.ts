import { renderSvg } from '../plots/render-svg';
import { fig2ProjectionSpec } from './fig2-projection-spec';
import { fig3Spec } from './fig3-spec';

describe('figure specs', () => {
  it('Fig. 3 draws both measures for every model and layer', async () => {
    const spec = fig3Spec(
      [
        { model: 'full', layer: 0, inter: 0.1, intra: 0.5 },
        { model: 'full', layer: 1, inter: 0.3, intra: 0.6 },
        { model: 'radix-k3', layer: 0, inter: 0.8, intra: 1 },
      ],
      'Fig. 3',
    );
    const values = (spec.data as { values: { measure: string; value: number }[] }).values;
    expect(values).toHaveLength(6);
    expect(values.filter((v) => v.measure.startsWith('S_intra')).map((v) => v.value)).toEqual([0.5, 0.6, 1]);
    const svg = await renderSvg(spec);
    for (const text of ['S_inter', 'S_intra', 'full', 'radix-k3']) expect(svg).toContain(text);
  });

  it('Fig. 2 maps one panel per model, colour groups folded to ten', async () => {
    const spec = fig2ProjectionSpec(
      [
        { model: 'full', pc1: 0, pc2: 1, group: 0 },
        { model: 'radix-k3', pc1: 1, pc2: 0, group: 36 },
      ],
      'Fig. 2',
    );
    expect((spec.data as { values: { group: string }[] }).values.map((v) => v.group)).toEqual(['0', '6']);
    const svg = await renderSvg(spec);
    expect(svg).toContain('radix-k3');
  });
});
