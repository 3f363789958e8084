import { renderSvg } from '../plots/render-svg';
import { curvesFigureSpec, type CurvesFigureInput } from './curves-figure';

const INPUT: CurvesFigureInput = {
  variants: ['full', 'radix-k3'],
  loss: [
    { variant: 'full', step: 1000, tokens: 2_048_000, loss: 6.8, run: 'curve' },
    { variant: 'full', step: 2000, tokens: 4_096_000, loss: 6.6, run: 'curve' },
    { variant: 'radix-k3', step: 2000, tokens: 4_096_000, loss: 7.2, run: 'curve' },
    { variant: 'full', step: 2000, tokens: 4_096_000, loss: 6.53, run: 'annealed' },
  ],
  unigram: 7.149,
  panels: [
    { name: 'MLM loss', heading: 'masked LM: Δ to full', title: 'Δ MLM loss (nats)' },
    { name: 'uci-sentiment', heading: 'uci-sentiment: Δ to full', title: 'Δ test accuracy (points)' },
  ],
  deltas: [
    { panel: 'MLM loss', variant: 'radix-k3', tokens: 4_096_000, estimate: 0.6, low: 0.55, high: 0.65 },
    {
      panel: 'uci-sentiment',
      variant: 'radix-k3',
      tokens: 4_096_000,
      estimate: -13.4,
      low: -17.1,
      high: -9.7,
    },
  ],
};

describe('the learning-curves figure', () => {
  it('draws the curve runs, the annealed points apart, the unigram rule, and one Δ panel each with its own points', () => {
    const spec = curvesFigureSpec(INPUT, 'Learning curves (mini)') as unknown as {
      vconcat: { title: string; layer: { data: { values: unknown[] } }[] }[];
    };
    expect(spec.vconcat.map((p) => p.title)).toEqual([
      'MLM validation loss',
      'masked LM: Δ to full',
      'uci-sentiment: Δ to full',
    ]);
    const [loss, mlm, task] = spec.vconcat;
    expect(loss?.layer.map((l) => l.data.values.length)).toEqual([3, 1, 1, 1]); // curve, annealed, unigram rule and label
    // zero rule, interval rule, estimate line: the task's Δ only in its own panel
    expect(task?.layer.map((l) => l.data.values)).toEqual([
      [{ zero: 0 }],
      [INPUT.deltas[1]],
      [INPUT.deltas[1]],
    ]);
    expect(mlm?.layer[1]?.data.values).toEqual([INPUT.deltas[0]]);
  });

  it('renders to an SVG with its titles, and still renders with nothing measured yet', async () => {
    const svg = await renderSvg(curvesFigureSpec(INPUT, 'Learning curves (mini)'));
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of [
      'MLM validation loss',
      'pretraining tokens',
      'unigram',
      'uci-sentiment: Δ to full',
      '4M',
    ])
      expect(svg).toContain(text);
    const empty = await renderSvg(
      curvesFigureSpec({ variants: ['full'], loss: [], panels: [], deltas: [] }, 'nothing yet'),
    );
    expect(empty).toContain('nothing yet');
  });
});
