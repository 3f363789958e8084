/** The fields every row of a deterministic control shares in the fine-tuning CSV format. */
export interface ControlRowFields {
  readonly model: string;
  readonly embedding: 'none';
  readonly k: '';
  readonly rows: 0;
  readonly lr: 0;
  readonly batch: 0;
  readonly seed: 0;
  readonly epoch: 1;
  readonly steps: 0;
  readonly wallSeconds: 0;
}

/**
 * The shared fields of a control's result rows (`majority`, `bag-of-words`): no embedding, no
 * grid (lr, batch and seed 0 — the tables read lr 0 as "no grid"), one epoch, no training steps.
 * Its `model`, `lr`, `batch`, `seed` and `epoch` also key the control's predictions record.
 *
 * @example
 * ```ts
 * const row = { ...controlRow('majority'), task: 'sms-spam', split: 'test', metric: 'f1', value: 0.5 };
 * ```
 */
export function controlRow(model: string): ControlRowFields {
  return {
    model,
    embedding: 'none',
    k: '',
    rows: 0,
    lr: 0,
    batch: 0,
    seed: 0,
    epoch: 1,
    steps: 0,
    wallSeconds: 0,
  };
}
