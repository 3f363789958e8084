import { XNLI_LANGUAGES } from '@ksub/datasets';

/** XNLI's 15 languages in the order of the paper's Table 4 (the XNLI paper's order). */
export const PAPER_TABLE4_LANGUAGES = XNLI_LANGUAGES;

/** One row of the paper's Table 4: embedding rows E, per-language accuracy (Table 4 order), average. */
export interface PaperTable4Row {
  readonly label: string;
  readonly rows: string;
  readonly accuracy: readonly number[];
  readonly average: number;
}

/**
 * The k-sub paper's Table 4 (XLM-R medium on XNLI, k = 3), as printed: cross-lingual transfer
 * (fine-tuned on English) and translate-train-all, for the base model, random 3-sub and clustered
 * 3-sub. Keyed by protocol, then by our variant ids.
 */
export const PAPER_TABLE4: Readonly<
  Record<'cross-lingual' | 'train-all', Readonly<Record<string, PaperTable4Row>>>
> = {
  'cross-lingual': {
    full: {
      label: 'XLM-R medium',
      rows: '250k',
      accuracy: [74.0, 56.6, 60.5, 55.1, 49.4, 53.5, 52.0, 45.0, 35.1, 54.5, 41.5, 52.4, 42.0, 45.1, 43.3],
      average: 50.7,
    },
    'radix-k3': {
      label: '3-sub-embedding',
      rows: '63',
      accuracy: [72.6, 55.4, 54.7, 48.4, 45.0, 51.0, 49.8, 43.4, 35.1, 50.8, 36.4, 44.2, 40.2, 45.9, 43.2],
      average: 47.7,
    },
    clustered: {
      label: '+clustered',
      rows: '128',
      accuracy: [72.9, 55.4, 54.1, 51.9, 49.8, 51.9, 51.1, 45.5, 35.0, 49.7, 44.3, 45.0, 42.5, 44.3, 40.6],
      average: 48.9,
    },
  },
  'train-all': {
    full: {
      label: 'XLM-R medium',
      rows: '250k',
      accuracy: [77.0, 72.4, 74.3, 73.0, 71.7, 70.9, 69.0, 69.0, 58.7, 72.3, 61.2, 63.8, 61.0, 63.5, 62.8],
      average: 68.0,
    },
    'radix-k3': {
      label: '3-sub-embedding',
      rows: '63',
      accuracy: [72.7, 69.6, 68.6, 68.1, 67.0, 65.1, 65.6, 63.2, 59.7, 69.6, 60.0, 58.3, 61.7, 61.9, 58.2],
      average: 64.6,
    },
    clustered: {
      label: '+clustered',
      rows: '128',
      accuracy: [74.7, 69.9, 71.5, 69.6, 68.3, 67.6, 67.6, 66.8, 60.8, 71.7, 62.1, 62.0, 63.3, 62.4, 60.4],
      average: 66.6,
    },
  },
};
