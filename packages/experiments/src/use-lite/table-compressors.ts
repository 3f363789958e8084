import { createProgress } from '@ksub/core/node';
import { ClusteredAllocator, pqTable } from '@ksub/clustering';
import { Registry, type TableCompressor } from '@ksub/core';
import { autoencoderTable, ksubTable, svdTable } from '@ksub/embedding';

void ClusteredAllocator; // importing @ksub/clustering registers the 'clustered' allocator

/** Settings every registered compressor is made with. */
export interface TableCompressorSettings {
  /** Show progress bars (AutoEncoder training). */
  readonly progress: boolean;
  /** AutoEncoder epochs (default: the direction paper's 30). */
  readonly aeEpochs?: number;
}

const registry = new Registry<(settings: TableCompressorSettings) => TableCompressor>({
  noun: 'a table compressor',
  register: 'registerTableCompressor',
  get: 'getTableCompressor',
  value: 'factory',
});

/**
 * Registers a post-hoc table compressor under a kebab-case name, so the USE-lite study and
 * `compress-model` can run it by name.
 *
 * @example
 * ```ts
 * registerTableCompressor('my-method', () => ({ method: 'my-method', compress: async (t, b) => … }));
 * ```
 * @throws RegistryError when the name is taken; TypeError for a bad name or factory
 */
export function registerTableCompressor(
  name: string,
  factory: (settings: TableCompressorSettings) => TableCompressor,
): void {
  registry.register(name, factory);
}

/**
 * The compressor registered as `name`.
 * @throws RegistryError naming `name` and the registered ones when it is unknown
 */
export function getTableCompressor(name: string, settings: TableCompressorSettings): TableCompressor {
  return registry.get(name)(settings);
}

/** Names of the registered compressors, sorted. */
export function listTableCompressors(): string[] {
  return registry.list();
}

/**
 * The study's methods, in the order the tables list them: truncated SVD; linear AutoEncoders with
 * the squared error and with the direction paper's loss; post-hoc k-sub with radix (Algorithm 1)
 * and clustered allocations (Algorithm 2, naive and equal-size) and least-squares sub-table rows;
 * product quantisation. A factorized embedding fitted to the table by least squares is truncated
 * SVD (Eckart–Young), so it is not listed twice.
 */
export const USE_LITE_METHODS = [
  'svd',
  'ae-mse',
  'ae-direction',
  'ksub-radix',
  'ksub-clustered-naive',
  'ksub-clustered-equal',
  'pq',
] as const;

registerTableCompressor('svd', () => svdTable);
registerTableCompressor('ae-mse', ({ progress, aeEpochs }) =>
  autoencoderTable('mse', {
    progress: progress && createProgress,
    ...(aeEpochs === undefined ? {} : { epochs: aeEpochs }),
  }),
);
registerTableCompressor('ae-direction', ({ progress, aeEpochs }) =>
  autoencoderTable('direction', {
    progress: progress && createProgress,
    ...(aeEpochs === undefined ? {} : { epochs: aeEpochs }),
  }),
);
registerTableCompressor('ksub-radix', () => ksubTable('radix'));
registerTableCompressor('ksub-clustered-naive', () =>
  ksubTable('clustered', { variant: 'naive' }, 'ksub-clustered-naive'),
);
registerTableCompressor('ksub-clustered-equal', () =>
  ksubTable('clustered', { variant: 'equal' }, 'ksub-clustered-equal'),
);
registerTableCompressor('pq', () => pqTable());
