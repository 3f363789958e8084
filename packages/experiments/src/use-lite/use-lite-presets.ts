import type { UseLiteDataOptions } from './use-lite-data';
import { USE_LITE_METHODS } from './table-compressors';

/** What a USE-lite study preset runs. */
export interface UseLitePreset {
  readonly methods: readonly string[];
  readonly ratios: readonly number[];
  readonly data: UseLiteDataOptions;
  /** AutoEncoder epochs (undefined: the paper's 30). */
  readonly aeEpochs?: number;
  /** Default output directory. */
  readonly out: string;
  /** Processes the study runs in by default (one per core; `--shards` overrides). */
  readonly shards: number;
}

/**
 * `tiny` (inside `npm test`: two ratios, 1,000 sentences, small probe splits, three methods) and
 * `mini` (the study: six ratios from 2.5 to 100, 5,000 sentences, the tasks' whole held-out
 * splits, 500 paraphrase pairs, every method).
 */
export const USE_LITE_PRESETS: Readonly<Record<'tiny' | 'mini', UseLitePreset>> = Object.freeze({
  tiny: {
    methods: ['svd', 'ksub-radix', 'pq'],
    ratios: [5, 50],
    data: { sentences: 1000, tasks: ['uci-sentiment', 'sms-spam'], pairs: 60, maxPerSplit: 60 },
    out: 'runs/tiny/use-lite',
    shards: 1,
  },
  mini: {
    methods: USE_LITE_METHODS,
    ratios: [2.5, 5, 10, 20, 50, 100],
    data: { sentences: 5000, tasks: ['uci-sentiment', 'sms-spam'], pairs: 500 },
    out: 'docs/results/use-lite',
    shards: 2,
  },
});
