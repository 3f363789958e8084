import type { ResultRow } from '@ksub/training';

/**
 * A fine-tuning result row as `@ksub/training`'s `appendResults` writes it: the full model's
 * dev accuracy on uci-sentiment after one epoch of the cell (lr 1e-4, batch 16, seed 1), with `fields`
 * replacing any of that.
 */
export function resultRow(fields: Partial<ResultRow> = {}): ResultRow {
  return {
    task: 'uci-sentiment',
    model: 'full',
    embedding: 'full',
    k: '',
    rows: 50_265,
    lr: 1e-4,
    batch: 16,
    seed: 1,
    epoch: 1,
    metric: 'accuracy',
    value: 0.5,
    steps: 10,
    wallSeconds: 60,
    split: 'dev',
    ...fields,
  };
}
