import type { TopLevelSpec } from 'vega-lite';
import type { CompressionRecord } from './compression-record';

/**
 * Vega-Lite spec of the seed-001 figure: masked-LM perplexity right after the swap against the
 * compressed embedding's parameters (both log scale), one line per method, with the uncompressed
 * baseline and the unigram baseline as horizontal rules.
 */
export function directionFigureSpec(records: readonly CompressionRecord[], title: string): TopLevelSpec {
  const first = records[0];
  const rules =
    first === undefined
      ? []
      : [
          { label: 'full (uncompressed)', perplexity: first.baseline.perplexity },
          { label: 'unigram', perplexity: Math.exp(first.unigramLoss) },
        ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 480,
    height: 300,
    layer: [
      {
        data: {
          values: records.map((r) => ({
            method: r.method,
            params: r.params,
            perplexity: r.swapped.perplexity,
            rank: r.rank,
          })),
        },
        mark: { type: 'line', point: true },
        encoding: {
          x: {
            field: 'params',
            type: 'quantitative',
            scale: { type: 'log', nice: false, padding: 20 },
            title: 'embedding parameters',
          },
          y: {
            field: 'perplexity',
            type: 'quantitative',
            scale: { type: 'log', nice: false, padding: 20 },
            title: 'MLM perplexity after the swap',
          },
          color: { field: 'method', type: 'nominal', title: 'compressor' },
          // overlapping lines (SVD and the direction AutoEncoder nearly coincide) stay apart by their dashes
          strokeDash: { field: 'method', type: 'nominal', title: 'compressor' },
        },
      },
      {
        data: { values: rules },
        mark: { type: 'rule', strokeDash: [4, 4] },
        encoding: {
          y: { field: 'perplexity', type: 'quantitative' },
          color: { value: 'gray' },
        },
      },
      {
        data: { values: rules },
        mark: { type: 'text', align: 'left', dx: 4, dy: -6, x: 0 },
        encoding: {
          y: { field: 'perplexity', type: 'quantitative' },
          text: { field: 'label' },
          color: { value: 'gray' },
        },
      },
    ],
  };
}
