import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { taskFromSpec } from '@ksub/evaluation';
import { initBackend } from '@ksub/tensor';
import { loadSavedMaskedLm, readSavedModelConfig } from '@ksub/transformer/node';
import { saveTinyModel } from '../testing/tiny-model';
import { finetune } from './finetune';
import type { FinetuneConfig } from './finetune-config';
import { LEGACY_TOKENIZER, modelTokenizer, sharedTokenizer } from './model-tokenizer';

let dir: string;
let recorded: string;
let legacy: string;

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
  dir = mkdtempSync(join(tmpdir(), 'ksub-model-tokenizer-'));
  recorded = await saveTinyModel(join(dir, 'recorded'), 'roberta-gpt2');
  legacy = await saveTinyModel(join(dir, 'legacy')); // as models were saved before tokenizers were recorded
  const rows = ['good one\tpos', 'bad one\tneg', 'fine thing\tpos', 'awful thing\tneg'];
  writeFileSync(join(dir, 'train.tsv'), `text\tlabel\n${rows.join('\n')}\n`);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('modelTokenizer', () => {
  it("uses the model's recorded tokenizer, else the legacy default", async () => {
    expect(await modelTokenizer(recorded, undefined)).toBe('roberta-gpt2');
    expect(await modelTokenizer(recorded, 'roberta-gpt2')).toBe('roberta-gpt2');
    expect(await modelTokenizer(legacy, undefined)).toBe(LEGACY_TOKENIZER);
    expect(await modelTokenizer(legacy, 'xlmr-o200k')).toBe('xlmr-o200k'); // nothing to check it against
  });

  it("refuses a tokenizer other than the model's, naming both", async () => {
    await expect(modelTokenizer(recorded, 'xlmr-o200k')).rejects.toThrow(
      `finetune: tokenizer must be the one ${recorded} was trained with ("roberta-gpt2"); got "xlmr-o200k"`,
    );
  });
});

describe('sharedTokenizer', () => {
  it('gives the tokenizer the models share (legacy models count as the legacy default), and names a mismatch', async () => {
    expect(await sharedTokenizer([recorded, legacy], 'fig3')).toBe('roberta-gpt2');
    expect(await sharedTokenizer([], 'fig3')).toBe(LEGACY_TOKENIZER);
    const other = await saveTinyModel(join(dir, 'other'), 'xlmr-o200k');
    await expect(sharedTokenizer([recorded, other], 'fig3')).rejects.toThrow(
      `fig3: the models must share one tokenizer; ${recorded} has roberta-gpt2, ${other} has xlmr-o200k`,
    );
  });
});

describe('finetune and the tokenizer', () => {
  // one cell, one epoch of two updates on four sentences
  const run = (model: string, more: Pick<FinetuneConfig, 'saveTo' | 'tokenizer'>) => {
    const files = { train: 'train.tsv', dev: 'train.tsv' };
    const task = taskFromSpec(
      { name: 'own', files, text: 'text', label: 'label', labels: ['neg', 'pos'] },
      dir,
    );
    const grid = { learningRates: [1e-3], batchSizes: [2], epochs: 1 };
    return finetune({ model, task, ...grid, resultsCsv: join(dir, 'results.csv'), progress: false, ...more });
  };

  it('records the tokenizer it fine-tuned with in the saved model, also for a legacy model', async () => {
    const saveTo = join(dir, 'finetuned');
    await run(legacy, { saveTo });
    expect((await readSavedModelConfig(saveTo)).tokenizer).toBe(LEGACY_TOKENIZER);
    const { model, tokenizer } = await loadSavedMaskedLm(saveTo);
    expect(tokenizer).toBe('roberta-gpt2');
    model.dispose();
  }, 120_000);

  it("refuses, before training, a tokenizer that is not the model's", async () => {
    const saveTo = join(dir, 'mismatch');
    await expect(run(recorded, { saveTo, tokenizer: 'xlmr-o200k' })).rejects.toThrow(RangeError);
    expect(existsSync(saveTo)).toBe(false);
  });
});
