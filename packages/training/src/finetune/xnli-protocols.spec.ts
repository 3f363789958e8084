import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { initBackend } from '@ksub/tensor';
import { MaskedLanguageModel, presetConfig } from '@ksub/transformer';
import { saveMaskedLm } from '@ksub/transformer/node';
import { finetune } from './finetune';
import { xnliProtocol } from './xnli-protocols';

// the evaluation package's fixtures in the real GLUE / XNLI / XNLI-MT layouts
const FIXTURES = join(dirname(require.resolve('@ksub/evaluation/package.json')), 'src/glue/fixtures');
const DATA = {
  glueDir: join(FIXTURES, 'glue_data'),
  xnliDir: join(FIXTURES, 'XNLI-1.0'),
  xnliMtDir: join(FIXTURES, 'XNLI-MT-1.0'),
  languages: ['en', 'fr', 'de'],
};

let dir: string;
beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
  dir = mkdtempSync(join(tmpdir(), 'ksub-xnli-'));
  const model = MaskedLanguageModel.fromSpec(presetConfig('tiny'), { kind: 'full' }, 2);
  await saveMaskedLm(join(dir, 'tiny'), model);
  model.dispose();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('XNLI protocols', () => {
  it('cross-lingual transfer: trains on English MNLI, selects on XNLI dev, reports test per language', async () => {
    const setup = xnliProtocol('cross-lingual', DATA);
    expect(setup.task.name).toBe('mnli');
    const result = await finetune({
      model: join(dir, 'tiny'),
      ...setup,
      learningRates: [1e-3],
      batchSizes: [2],
      epochs: 1,
      resultsCsv: join(dir, 'x.csv'),
      progress: false,
      saveTo: join(dir, 'after-mnli'),
    });
    // XNLI dev selects; each language's test split is scored once, at the run's best dev epoch
    expect(result.rows.map((r) => `${r.task} ${r.split}`)).toEqual([
      'xnli-dev dev',
      'xnli-en test',
      'xnli-fr test',
      'xnli-de test',
    ]);
    expect(setup.tests?.map((t) => t.name)).toEqual(['xnli-en', 'xnli-fr', 'xnli-de']);
    expect(result.best.task).toBe('xnli-dev');
    // 1 example per language in the test fixture: accuracy is 0 or 1
    for (const r of result.rows.slice(1)) expect([0, 1]).toContain(r.value);
    // the MNLI-fine-tuned encoder is saved for RTE / STS-B / MRPC to start from
    const again = await finetune({
      model: join(dir, 'after-mnli'),
      ...setup,
      learningRates: [1e-3],
      batchSizes: [2],
      epochs: 1,
      resultsCsv: join(dir, 'y.csv'),
      progress: false,
    });
    expect(again.rows).toHaveLength(4);
  }, 120_000);

  it('translate-train-all trains on MNLI plus the translations', async () => {
    const setup = xnliProtocol('translate-train-all', DATA);
    const train = await setup.task.load('train');
    expect(train.examples).toHaveLength(2 + 2 + 2); // MNLI fixture rows + the French and German translations
    expect(() => xnliProtocol('translate-train-all', { ...DATA, xnliMtDir: undefined })).toThrow(
      'needs xnliMtDir',
    );
    expect(() => xnliProtocol('cross-lingual', { ...DATA, testSplit: 'dev' })).toThrow(
      'xnliProtocol: testSplit must be "test" (XNLI\'s held-out split); got "dev"',
    );
  });
});
