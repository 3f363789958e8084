import { renderSvg } from '../plots/render-svg';
import type { CompressionRecord } from './compression-record';
import { directionFigureSpec } from './direction-figure';
import {
  directionVersusSvd,
  directionCsv,
  renderFinetuneTable,
  renderPerplexityTable,
} from './direction-table';

function record(method: string, rank: number, perplexity: number): CompressionRecord {
  return {
    method,
    rank,
    targetRatio: 10,
    params: 1000 * rank + (method === 'svd' ? 0 : 8),
    fullParams: 8000,
    ratio: 8000 / (1000 * rank),
    meanCosine: 0.9,
    relativeFrobenius: 0.4,
    baseline: { loss: Math.log(100), perplexity: 100, accuracy: 0.2 },
    swapped: { loss: Math.log(perplexity), perplexity, accuracy: 0.1 },
    unigramLoss: Math.log(500),
    positions: 42,
    history: [],
    provenance: {
      commit: 'abc',
      preset: 'tiny',
      seed: 1,
      backend: 'wasm',
      compressSeconds: 2,
      wallSeconds: 3,
      date: '2026-11-23',
    },
  };
}

const RECORDS = [
  record('svd', 2, 400),
  record('ae-direction', 2, 300),
  record('svd', 4, 150),
  record('ae-direction', 4, 180),
  record('ae-mse', 4, 160),
];

describe('seed-001 table', () => {
  it('compares the direction AutoEncoder with SVD at each rank: 300/400 − 1 = −25% lower, 180/150 − 1 = +20% higher', () => {
    expect(directionVersusSvd(RECORDS)).toEqual([
      'r = 4: direction 180 vs SVD 150 (+20.0%): higher',
      'r = 2: direction 300 vs SVD 400 (-25.0%): lower',
    ]);
    expect(directionVersusSvd([record('svd', 3, 1393.2), record('ae-direction', 3, 1393.0)])).toEqual([
      'r = 3: direction 1393 vs SVD 1393 (-0.0%): tie',
    ]);
  });

  it('prints each row with its perplexity change from the baseline, the baseline first and unigram last', () => {
    const table = renderPerplexityTable(RECORDS).split('\n');
    expect(table[2]).toContain('| full (uncompressed) | — | 8,000 | 1 |');
    expect(table[3]).toBe('| SVD | 4 | 4,000 | 2.0 | 0.900 | 0.400 | 5.011 | 150 | +50 | 10.0 |');
    expect(
      table.some(
        (l) => l.startsWith('| AutoEncoder, direction | 2 | 2,008 | 4.0 |') && l.includes('| 300 | +200 |'),
      ),
    ).toBe(true);
    expect(table.at(-1)).toContain('| unigram (no model) |');
    expect(table.at(-1)).toContain('| 500 | +400 |');
    expect(renderPerplexityTable([])).toMatch(/no compression cell/);
  });

  it('prints fine-tuning deltas from the full baseline (hand-derived: 0.80 − 0.85 = −5.0)', () => {
    const scores = new Map([
      ['full', new Map([['uci-sentiment', 0.85]])],
      ['svd-r4', new Map([['uci-sentiment', 0.8]])],
    ]);
    const table = renderFinetuneTable(
      scores,
      new Map([
        ['full', 'full'],
        ['svd-r4', 'SVD r=4'],
        ['ae-mse-r4', 'AE-MSE r=4'],
      ]),
      ['uci-sentiment'],
    ).split('\n');
    expect(table[0]).toBe('| embedding | uci-sentiment (SST-2 stand-in) | Δ |');
    expect(table[2]).toBe('| full | 85.0 | — |');
    expect(table[3]).toBe('| SVD r=4 | 80.0 | -5.0 |');
    expect(table[4]).toBe('| AE-MSE r=4 | — | — |');
  });

  it('writes one CSV row per record and measure', () => {
    const csv = directionCsv(RECORDS).trim().split('\n');
    expect(csv).toHaveLength(1 + RECORDS.length * 8);
    expect(csv).toContain('svd,4,4000,2,perplexity,150');
  });

  it('draws the figure as SVG with a line per method and the two baselines', async () => {
    const svg = await renderSvg(directionFigureSpec(RECORDS, 'seed 001'));
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['svd', 'ae-direction', 'ae-mse', 'full (uncompressed)', 'unigram'])
      expect(svg).toContain(text);
  });
});
