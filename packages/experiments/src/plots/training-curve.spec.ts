import { renderSvg } from './render-svg';
import { trainingCurveSpec } from './training-curve';

describe('trainingCurveSpec', () => {
  const records = [
    { type: 'train', step: 10, loss: 10.5 },
    { type: 'train', step: 20, loss: 9.0 },
    { type: 'validation', step: 20, loss: 8.8, unigramLoss: 7.9 },
    { type: 'note', step: 20 },
  ];

  it('takes train and validation points and the last unigram baseline of each run', () => {
    const spec = trainingCurveSpec([{ label: 'full', records }], 'mini') as unknown as {
      layer: { data: { values: Record<string, unknown>[] } }[];
    };
    expect(spec.layer[0]?.data.values).toEqual([
      { run: 'full', series: 'train', step: 10, loss: 10.5 },
      { run: 'full', series: 'train', step: 20, loss: 9.0 },
      { run: 'full', series: 'validation', step: 20, loss: 8.8 },
    ]);
    expect(spec.layer[1]?.data.values).toEqual([{ run: 'full', unigram: 7.9 }]);
  });

  it('renders to an SVG with the axis titles', async () => {
    const svg = await renderSvg(trainingCurveSpec([{ label: 'full', records }], 'mini'));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('MLM loss (nats)');
    expect(svg).toContain('update');
  });
});
