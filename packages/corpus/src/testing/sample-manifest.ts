import type { CorpusManifest } from '../shards/manifest';

/**
 * A valid corpus manifest of an empty corpus, for specs; `overrides` replace top-level fields.
 * Test-only (not built into the package).
 */
export function sampleManifest(overrides: Partial<CorpusManifest> = {}): CorpusManifest {
  return {
    format: 'ksub-corpus',
    version: 1,
    corpus: { name: 'list', description: 'test' },
    tokenizer: { name: 'roberta-gpt2', id: 'roberta-gpt2@x', vocabSize: 50265 },
    maxLength: 128,
    bytesPerToken: 2,
    validationFraction: 0,
    counts: {
      documents: { read: 0, train: 0, validation: 0, empty: 0 },
      inputsSkipped: {},
      tokens: { train: 0, validation: 0 },
      sequences: { train: 0, validation: 0 },
    },
    shards: [],
    ...overrides,
  };
}
