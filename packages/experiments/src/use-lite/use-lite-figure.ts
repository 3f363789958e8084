import type { TopLevelSpec } from 'vega-lite';
import type { UseLiteRecord } from './use-lite-record';

interface Point {
  readonly method: string;
  readonly ratio: number;
  readonly measure: string;
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

/** The measures of a record as figure points: sentence cosine and each probe's test score. */
function points(r: UseLiteRecord): Point[] {
  const out: Point[] = [];
  if (r.sentenceCosine)
    out.push({
      method: r.method,
      ratio: r.achievedRatio,
      measure: 'sentence cosine to the original',
      value: r.sentenceCosine.estimate,
      low: r.sentenceCosine.low,
      high: r.sentenceCosine.high,
    });
  for (const p of r.probes)
    out.push({
      method: r.method,
      ratio: r.achievedRatio,
      measure: `${p.task} probe ${p.metric}`,
      value: p.test.estimate,
      low: p.test.low,
      high: p.test.high,
    });
  return out;
}

/**
 * Vega-Lite spec of the USE-lite figure: one panel per measure (sentence cosine to the original
 * model, each probe's test score), the compression ratio on a log axis, one line per method with
 * its 95% intervals as bars, and the uncompressed model and the bag-of-words probe as rules.
 */
export function useLiteFigureSpec(records: readonly UseLiteRecord[], title: string): TopLevelSpec {
  const compressed = records.filter((r) => r.method !== 'original' && r.method !== 'bag-of-words');
  const data = compressed.flatMap(points);
  const rules = records
    .filter((r) => r.method === 'original' || r.method === 'bag-of-words')
    .flatMap((r) =>
      r.probes.map((p) => ({
        measure: `${p.task} probe ${p.metric}`,
        value: p.test.estimate,
        label: r.method,
      })),
    )
    .concat(
      records.some((r) => r.method === 'original')
        ? [{ measure: 'sentence cosine to the original', value: 1, label: 'original' }]
        : [],
    );
  const ratios = data.map((d) => d.ratio);
  const minRatio = ratios.length > 0 ? Math.min(...ratios) : 1;
  const maxRatio = ratios.length > 0 ? Math.max(...ratios) : 100;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: {
      values: [...data.map((d) => ({ ...d, kind: 'model' })), ...rules.map((r) => ({ ...r, kind: 'rule' }))],
    },
    facet: { field: 'measure', type: 'nominal', title: null },
    columns: 3,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 260,
      height: 220,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'model'" }],
          mark: { type: 'line', point: true },
          encoding: {
            x: {
              field: 'ratio',
              type: 'quantitative',
              scale: { type: 'log', nice: false, domain: [minRatio / 1.3, maxRatio * 1.3] },
              title: 'compression ratio of the table (bytes)',
            },
            y: { field: 'value', type: 'quantitative', scale: { zero: false }, title: null },
            color: { field: 'method', type: 'nominal', title: 'method' },
            strokeDash: { field: 'method', type: 'nominal', legend: null },
          },
        },
        {
          transform: [{ filter: "datum.kind === 'model'" }],
          mark: { type: 'errorbar', ticks: false },
          encoding: {
            x: { field: 'ratio', type: 'quantitative' },
            y: { field: 'low', type: 'quantitative' },
            y2: { field: 'high' },
            color: { field: 'method', type: 'nominal' },
          },
        },
        {
          transform: [{ filter: "datum.kind === 'rule'" }],
          mark: { type: 'rule', strokeDash: [4, 4] },
          encoding: {
            y: { field: 'value', type: 'quantitative' },
            color: { value: 'gray' },
            tooltip: { field: 'label' },
          },
        },
        {
          transform: [{ filter: "datum.kind === 'rule'" }],
          mark: { type: 'text', align: 'right', dy: -6, fontSize: 10 },
          encoding: {
            x: { datum: maxRatio * 1.25, type: 'quantitative' },
            y: { field: 'value', type: 'quantitative' },
            text: { field: 'label' },
            color: { value: 'gray' },
          },
        },
      ],
    },
  } as TopLevelSpec;
}
