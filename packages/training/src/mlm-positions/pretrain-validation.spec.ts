import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng, type TextDocument } from '@ksub/core';
import { type CorpusSource, openCorpus, packCorpus } from '@ksub/corpus';
import { initBackend } from '@ksub/tensor';
import { getTokenizer } from '@ksub/tokenizers';
import { loadMaskedLm } from '@ksub/transformer/node';
import { evaluateMlm } from '../pretrain/evaluate-mlm';
import { readMetrics } from '../pretrain/metrics-log';
import { pretrain } from '../pretrain/pretrain';
import type { PretrainConfig } from '../pretrain/pretrain-config';
import { evaluateMlmPositions } from './mlm-positions';
import { loadPretrainValidation } from './pretrain-validation';

const WORDS =
  'the cat sat on a mat while dogs ran far and birds sang of rain over hills near old towns'.split(' ');

/** 60 documents of 30–50 words drawn from a seeded stream: text enough for a few dozen sequences. */
function syntheticSource(): CorpusSource {
  const rng = Rng.fromSeed(11);
  const docs: TextDocument[] = Array.from({ length: 60 }, (_, i) => ({
    id: `doc-${i}`,
    text: Array.from({ length: 30 + rng.nextInt(21) }, () => WORDS[rng.nextInt(WORDS.length)]).join(' '),
  }));
  return {
    name: 'synthetic',
    description: 'seeded word salad',
    documents: async function* () {
      yield* docs;
    },
  };
}

let root: string;
let config: PretrainConfig;

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
  root = mkdtempSync(join(tmpdir(), 'ksub-mlm-positions-'));
  const corpus = join(root, 'corpus');
  await packCorpus({
    source: syntheticSource(),
    tokenizer: await getTokenizer('roberta-gpt2'),
    outDir: corpus,
    maxLength: 32,
    validationFraction: 0.3,
    progress: false,
  });
  config = {
    model: 'tiny',
    embedding: { kind: 'full' },
    corpus,
    outDir: join(root, 'run'),
    seed: 5,
    batchSize: 2,
    steps: 2,
    warmupSteps: 1,
    logEvery: 1,
    evalEvery: 2,
    evalSequences: 5,
    checkpointEvery: 2,
  };
  await pretrain(config, { progress: false, log: () => undefined });
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadPretrainValidation', () => {
  it("rebuilds the run's validation: its first evalSequences sequences, its masks, its numbers", async () => {
    const data = await loadPretrainValidation(config);
    const corpus = await openCorpus(config.corpus);
    expect(corpus.manifest.counts.sequences.validation).toBeGreaterThan(5); // the cap is exercised
    expect(data.sequences.length).toBe(5);
    expect(Array.from(data.sequences[0] ?? [])).toEqual(Array.from(await corpus.sequence('validation', 0)));
    expect(data.options).toMatchObject({ seed: 5, batchSize: 2, maskProbability: 0.15 });

    const [last] = (await readMetrics(join(config.outDir, 'metrics.jsonl'))).filter(
      (r) => r.type === 'validation',
    );
    expect(last?.step).toBe(2); // the run's one validation, of the weights it saved
    expect(last?.positions).toBeGreaterThan(5);
    const model = await loadMaskedLm(join(config.outDir, 'model'));
    const score = evaluateMlm(model, data.sequences, data.options);
    expect(score.positions).toBe(last?.positions);
    expect(score.loss).toBe(last?.loss);
    expect(score.accuracy).toBe(last?.accuracy);
    expect(score.unigramLoss).toBe(last?.unigramLoss);

    const rows = evaluateMlmPositions(model, data.sequences, data.options);
    const mean = (v: ArrayLike<number>) => Array.from(v).reduce((s, x) => s + x, 0) / v.length;
    expect(rows.loss.length).toBe(last?.positions);
    expect(Math.abs(mean(rows.loss) - (last?.loss as number))).toBeLessThanOrEqual(1e-5);
    expect(mean(rows.correct)).toBeCloseTo(last?.accuracy as number, 12);
    expect(mean(rows.unigramLoss)).toBeCloseTo(last?.unigramLoss as number, 12);
    model.dispose();
  }, 60_000);

  it('refuses a config whose tokenizer does not fit the model, naming both sizes', async () => {
    await expect(loadPretrainValidation({ ...config, modelOverrides: { vocabSize: 1000 } })).rejects.toThrow(
      'loadPretrainValidation: the roberta-gpt2 tokenizer has 50265 tokens, the model config 1000',
    );
  });
});
