import type { ResultRow } from '../finetune/results-csv';

/**
 * A fine-tuning result row as `appendResults` writes it, for specs: the full model's dev accuracy
 * 0.5 on uci-sentiment after epoch 1 of the cell lr 1e-4, batch 16, seed 1; `fields` replace any of it.
 *
 * @example
 * ```ts
 * import { resultRow } from '@ksub/training/testing';
 * resultRow({ split: 'test', value: 0.8 }); // the same row, scored on the test split
 * ```
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
