import type { TopLevelSpec } from 'vega-lite';
import { firstSeen, modelColor } from './model-color';

/** A run's metrics records (metrics.jsonl), labelled. */
export interface LabelledRun {
  readonly label: string;
  readonly records: readonly Record<string, unknown>[];
}

/**
 * The Vega-Lite spec of pretraining curves: training loss (the logged interval means) and
 * validation loss per update for each run, and each run's unigram baseline (the context-free
 * loss on the same validation positions) as a dashed rule. The legend lists the runs in `runs`'
 * order.
 */
export function trainingCurveSpec(runs: readonly LabelledRun[], title: string): TopLevelSpec {
  const values = runs.flatMap(({ label, records }) =>
    records
      .filter((r) => r['type'] === 'train' || r['type'] === 'validation')
      .map((r) => ({
        run: label,
        series: r['type'] === 'train' ? 'train' : 'validation',
        step: r['step'] as number,
        loss: r['loss'] as number,
      })),
  );
  const baselines = runs.flatMap(({ label, records }) => {
    const last = [...records]
      .reverse()
      .find((r) => r['type'] === 'validation' && typeof r['unigramLoss'] === 'number');
    return last === undefined ? [] : [{ run: label, unigram: last['unigramLoss'] as number }];
  });
  const order = firstSeen(runs.map((r) => r.label));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 560,
    height: 320,
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: { size: 12 } },
        encoding: {
          x: { field: 'step', type: 'quantitative', title: 'update' },
          y: { field: 'loss', type: 'quantitative', title: 'MLM loss (nats)', scale: { zero: false } },
          color: modelColor('run', order),
          strokeDash: { field: 'series', type: 'nominal', title: 'split' },
        },
      },
      {
        data: { values: baselines },
        mark: { type: 'rule', strokeDash: [2, 4], opacity: 0.8 },
        encoding: { y: { field: 'unigram', type: 'quantitative' }, color: modelColor('run', order) },
      },
    ],
  };
}
