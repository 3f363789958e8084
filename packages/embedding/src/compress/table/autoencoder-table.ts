import { assert, describe, type TableCompressor } from '@ksub/core';
import { autoencoderCompress, type AutoencoderOptions } from '../autoencoder-compress';
import { compressionRank } from './compression-rank';
import { factorizedToFactors } from './low-rank-factors';
import { checkTableInput } from './table-input';

/** Options of {@link autoencoderTable}: those of `autoencoderCompress` but the loss and the seed. */
export type AutoencoderTableOptions = Omit<AutoencoderOptions, 'loss' | 'seed'>;

/**
 * The linear AutoEncoder as a {@link TableCompressor} (method `ae-mse` or `ae-direction`): trains
 * {@link autoencoderCompress} with code size r, the largest whose N·r + r·d + d floats (codes,
 * decoder, bias) fit the budget (below min(N, d)), seeded with `budget.seed` (default 1), and keeps
 * the codes and the decoder as A, B and bias. Needs an initialised TensorFlow.js backend.
 *
 * @param loss - `mse` (plain squared error) or `direction` (the direction paper's cosine-weighted loss)
 * @param options - training options passed through (epochs, batch size, learning rate, SVD init,
 *   `progress`, `onEpoch`)
 * @throws RangeError naming `loss` when it is neither; `compress` rejects with a RangeError naming
 *   `bytes` when not even r = 1 fits
 * @example
 * ```ts
 * const ae = autoencoderTable('direction', { epochs: 30, progress: false });
 * const { factors, settings } = await ae.compress(table, { bytes: 4 * table.rows * table.cols / 10, seed: 3 });
 * ```
 */
export function autoencoderTable(
  loss: 'mse' | 'direction',
  options: AutoencoderTableOptions = {},
): TableCompressor {
  assert(
    loss === 'mse' || loss === 'direction',
    () => `autoencoderTable: loss must be "mse" or "direction"; got ${describe(loss)}`,
    RangeError,
  );
  const method = `ae-${loss}`;
  const fn = `autoencoderTable('${loss}').compress`;
  return Object.freeze({
    method,
    async compress(table, budget) {
      const seed = checkTableInput(fn, table, budget);
      const rank = compressionRank(fn, table.rows, table.cols, budget.bytes, true);
      const { embedding, history } = await autoencoderCompress(table, rank, { ...options, loss, seed });
      try {
        return {
          method,
          settings: { rank, epochs: history.length },
          factors: factorizedToFactors(embedding),
        };
      } finally {
        embedding.dispose();
      }
    },
  } satisfies TableCompressor);
}
