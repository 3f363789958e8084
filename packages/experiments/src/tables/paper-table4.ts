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

type Protocol = 'cross-lingual' | 'train-all';

/** The embeddings Table 4 compares, by our variant ids: the label and embedding rows E it prints. */
const EMBEDDINGS = {
  full: { label: 'XLM-R medium', rows: '250k' },
  'radix-k3': { label: '3-sub-embedding', rows: '63' },
  clustered: { label: '+clustered', rows: '128' },
} as const;

type Variant = keyof typeof EMBEDDINGS;

/** Table 4's accuracy per language (Table 4 order) as printed, by protocol and embedding. */
const ACCURACY: Readonly<Record<Protocol, Readonly<Record<Variant, readonly number[]>>>> = {
  'cross-lingual': {
    full: [74.0, 56.6, 60.5, 55.1, 49.4, 53.5, 52.0, 45.0, 35.1, 54.5, 41.5, 52.4, 42.0, 45.1, 43.3],
    'radix-k3': [72.6, 55.4, 54.7, 48.4, 45.0, 51.0, 49.8, 43.4, 35.1, 50.8, 36.4, 44.2, 40.2, 45.9, 43.2],
    clustered: [72.9, 55.4, 54.1, 51.9, 49.8, 51.9, 51.1, 45.5, 35.0, 49.7, 44.3, 45.0, 42.5, 44.3, 40.6],
  },
  'train-all': {
    full: [77.0, 72.4, 74.3, 73.0, 71.7, 70.9, 69.0, 69.0, 58.7, 72.3, 61.2, 63.8, 61.0, 63.5, 62.8],
    'radix-k3': [72.7, 69.6, 68.6, 68.1, 67.0, 65.1, 65.6, 63.2, 59.7, 69.6, 60.0, 58.3, 61.7, 61.9, 58.2],
    clustered: [74.7, 69.9, 71.5, 69.6, 68.3, 67.6, 67.6, 66.8, 60.8, 71.7, 62.1, 62.0, 63.3, 62.4, 60.4],
  },
};

/** Table 4's average column as printed (the mean of the 15 languages, to one decimal). */
const AVERAGE: Readonly<Record<Protocol, Readonly<Record<Variant, number>>>> = {
  'cross-lingual': { full: 50.7, 'radix-k3': 47.7, clustered: 48.9 },
  'train-all': { full: 68.0, 'radix-k3': 64.6, clustered: 66.6 },
};

/** One protocol's rows of Table 4, by variant id in the order printed. */
const protocolRows = (protocol: Protocol): Readonly<Record<string, PaperTable4Row>> =>
  Object.fromEntries(
    (Object.keys(EMBEDDINGS) as Variant[]).map((v) => [
      v,
      { ...EMBEDDINGS[v], accuracy: ACCURACY[protocol][v], average: AVERAGE[protocol][v] },
    ]),
  );

/**
 * The k-sub paper's Table 4 (XLM-R medium on XNLI, k = 3), as printed: cross-lingual transfer
 * (fine-tuned on English) and translate-train-all, for the base model, random 3-sub and clustered
 * 3-sub. Keyed by protocol, then by our variant ids.
 */
export const PAPER_TABLE4: Readonly<Record<Protocol, Readonly<Record<string, PaperTable4Row>>>> = {
  'cross-lingual': protocolRows('cross-lingual'),
  'train-all': protocolRows('train-all'),
};
