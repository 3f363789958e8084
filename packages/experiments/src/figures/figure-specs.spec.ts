import { renderSvg } from '../plots/render-svg';
import { fig2ProjectionSpec } from './fig2-projection-spec';
import { fig2Spec } from './fig2-spec';
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

  // names whose alphabetical order is the reverse of the order given
  const given = ['zulu-full', 'mike-radix-k3', 'alpha-clustered'];
  const positions = (svg: string) => given.map((m) => svg.indexOf(`>${m}<`));
  const increasing = (xs: number[]) => xs.every((x, i) => x >= 0 && (i === 0 || x > (xs[i - 1] as number)));

  it('Fig. 2 draws its panels and legend in the order the models are given, not alphabetically', async () => {
    const points = given.map((model, i) => ({ model, pc1: i, pc2: -i, group: i }));
    expect(increasing(positions(await renderSvg(fig2ProjectionSpec(points, 'Fig. 2'))))).toBe(true);
    const ratios = new Map(given.map((m, i) => [m, Float64Array.of(0.5 - i / 10, 0.2)] as const));
    expect(increasing(positions(await renderSvg(fig2Spec(ratios, 2, 'Fig. 2'))))).toBe(true);
  });

  it('Fig. 3 lists its models in the legend in the order given', async () => {
    const points = given.map((model, i) => ({ model, layer: 0, inter: i / 10, intra: 0.5 }));
    expect(increasing(positions(await renderSvg(fig3Spec(points, 'Fig. 3'))))).toBe(true);
  });
});
