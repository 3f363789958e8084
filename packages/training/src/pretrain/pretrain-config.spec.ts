import { type PretrainConfig, pretrainConfigHash, resolvePretrainConfig } from './pretrain-config';

// Golden hashes: the `configSha256` that pretrain() recorded in each config's step-1 checkpoint
// (state.json), run on the code before issue #16 moved the embedding choice to
// @ksub/transformer (commit 4cf25c6). Checkpoints of committed runs carry these bytes: a resume
// refuses a checkpoint whose hash differs, so the hash of an unchanged config must never change.
// The paths are only strings here; nothing is read.
const corpus = '/tmp/ksub-pin/udhr';
const CASES: readonly { name: string; config: PretrainConfig; sha256: string }[] = [
  {
    name: 'full, defaults mostly',
    config: {
      model: 'tiny',
      embedding: { kind: 'full' },
      corpus,
      outDir: '/tmp/ksub-pin/run-full',
      seed: 3,
      batchSize: 2,
      steps: 1,
      logEvery: 1,
      checkpointEvery: 1,
      evalSequences: 0,
    },
    sha256: '2ccf372482a69d7e2cf34025adeef8d5d01c1785ae6ca27c4aef54dacedde257',
  },
  {
    name: 'k-sub from an allocation file, model overrides, explicit tokenizer',
    config: {
      model: 'tiny',
      modelOverrides: { dropout: 0 },
      tokenizer: 'roberta-gpt2',
      embedding: { kind: 'ksub', allocationFile: '/tmp/ksub-pin/a.alloc' },
      corpus,
      outDir: '/tmp/ksub-pin/run-ksub',
      batchSize: 2,
      steps: 1,
      peakLr: 1e-3,
      logEvery: 1,
      checkpointEvery: 1,
      evalSequences: 0,
    },
    sha256: '5f2c81197de66d7a9f5b510cc7740e17dc93063ab0297581a167cc3b007a8cb0',
  },
  {
    name: 'factorized with bias, keys in an unusual order, every option set',
    config: {
      outDir: '/tmp/ksub-pin/run-fact',
      embedding: { rank: 8, kind: 'factorized', bias: true },
      model: 'tiny',
      corpus,
      batchSize: 2,
      steps: 1,
      warmupSteps: 1,
      weightDecay: 0,
      clipNorm: 1,
      maskProbability: 0.2,
      logEvery: 1,
      evalEvery: 1,
      evalSequences: 2,
      checkpointEvery: 1,
      keepCheckpoints: 1,
    },
    sha256: 'f46cee663b0d049851034de22c1ea9088a4df58f9e6f6faedd3b9e6ae7130a7d',
  },
];

describe('pretrainConfigHash', () => {
  it.each(CASES)('is the hash committed checkpoints carry: $name', ({ config, sha256 }) => {
    expect(pretrainConfigHash(resolvePretrainConfig(config))).toBe(sha256);
  });

  it('ignores outDir (a moved run directory still resumes) and sees every other field', () => {
    const { config, sha256 } = CASES[0] as (typeof CASES)[number];
    expect(pretrainConfigHash(resolvePretrainConfig({ ...config, outDir: 'elsewhere' }))).toBe(sha256);
    expect(pretrainConfigHash(resolvePretrainConfig({ ...config, seed: 4 }))).not.toBe(sha256);
  });
});

describe('resolvePretrainConfig', () => {
  it("keeps the config's own embedding object, so its key order (and the hash) is the file's", () => {
    const embedding = { rank: 8, kind: 'factorized', bias: true } as const;
    const resolved = resolvePretrainConfig({ ...(CASES[0] as (typeof CASES)[number]).config, embedding });
    expect(resolved.embedding).toBe(embedding);
  });

  it('checks the embedding against the one EmbeddingChoiceSchema, naming the key', () => {
    const config = (CASES[0] as (typeof CASES)[number]).config;
    expect(() =>
      resolvePretrainConfig({ ...config, embedding: { kind: 'ksub', allocationFile: '' } }),
    ).toThrow(/PretrainConfig: embedding\.allocationFile: .*; got ""/);
    expect(() => resolvePretrainConfig({ ...config, embedding: { kind: 'factorized', rank: 0 } })).toThrow(
      RangeError,
    );
  });
});
