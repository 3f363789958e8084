import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@ksub/tensor';
import { MaskedLanguageModel, presetConfig } from '@ksub/transformer';
import { saveMaskedLm } from '@ksub/transformer/node';
import { finetune } from './finetune';
import { libreOfficeProtocol } from './suite-protocols';

/** A help tree in English and German: 10 pages each of Writer and Calc, 2 paragraphs a page. */
async function helpTree(root: string): Promise<void> {
  for (const [dir, tag] of [
    ['en-US', ''],
    ['de', ' (de)'],
  ] as const)
    for (const m of ['swriter', 'scalc'])
      for (let p = 0; p < 10; p++) {
        await mkdir(join(root, dir, 'text', m), { recursive: true });
        await writeFile(
          join(root, dir, 'text', m, `p${p}.html`),
          `<div id="DisplayArea"><p id="a">${m} ${p} one${tag}</p><p id="b">${m} ${p} two${tag}</p></div>`,
        );
      }
}

let dir: string;
beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
  dir = await mkdtemp(join(tmpdir(), 'ksub-lo-protocol-'));
  await helpTree(join(dir, 'help'));
  const model = MaskedLanguageModel.fromSpec(presetConfig('tiny'), { kind: 'full' }, 3);
  await saveMaskedLm(join(dir, 'tiny'), model);
  model.dispose();
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the LibreOffice-help protocols', () => {
  it('cross-lingual: trains on English, selects on English dev, holds out every language’s test split', async () => {
    const setup = libreOfficeProtocol('cross-lingual', { languages: ['de', 'en'], root: join(dir, 'help') });
    expect(setup.task.name).toBe('libreoffice-module-en');
    expect(setup.evaluations?.map((e) => `${e.name} ${e.split}`)).toEqual(['libreoffice-module-en dev']);
    // English first, whatever the order asked for
    expect(setup.tests?.map((e) => `${e.name} ${e.split}`)).toEqual([
      'libreoffice-module-en test',
      'libreoffice-module-de test',
    ]);
    // each module's 20 paragraphs in pages of 2: the quotas 14 / 3 / 3 (70/15/15) are met as
    // 14 / 4 / 2 (pages go whole, largest first, to the split furthest below its quota)
    const sizes = async (t: (typeof setup)['task'] | undefined) =>
      Promise.all(['train', 'dev', 'test'].map(async (s) => (await t?.load(s))?.examples.length));
    expect(await sizes(setup.task)).toEqual([28, 8, 4]);
    expect(await sizes(setup.tests?.[1]?.task)).toEqual([28, 8, 4]);
  });

  it('train-all: trains on every language, selects on their dev splits pooled, scores each test split at the best dev epoch', async () => {
    const setup = libreOfficeProtocol('train-all', { languages: ['en', 'de'], root: join(dir, 'help') });
    expect((await setup.task.load('train')).examples).toHaveLength(2 * 28);
    const selection = setup.evaluations?.[0];
    expect(selection?.name).toBe('libreoffice-module-dev');
    expect((await selection?.task.load('dev'))?.examples.map((e) => e.language)).toEqual([
      ...Array<string>(8).fill('en'),
      ...Array<string>(8).fill('de'),
    ]);
    const result = await finetune({
      model: join(dir, 'tiny'),
      ...setup,
      learningRates: [1e-3],
      batchSizes: [8],
      epochs: 2,
      resultsCsv: join(dir, 'train-all.csv'),
      progress: false,
    });
    const best = result.selection.runs[0]?.epoch;
    expect(result.rows.map((r) => `${r.task} ${r.split} ${r.epoch}`)).toEqual([
      'libreoffice-module-dev dev 1',
      'libreoffice-module-dev dev 2',
      `libreoffice-module-en test ${best}`,
      `libreoffice-module-de test ${best}`,
    ]);
  }, 120_000);

  it('names a language outside the suite and a held-out split other than test', () => {
    expect(() => libreOfficeProtocol('cross-lingual', { languages: ['ar'] })).toThrow(
      'libreOfficeProtocol: languages must be among en, de, es, fr, el, ru, tr, vi, zh; got "ar"',
    );
    expect(() => libreOfficeProtocol('train-all', { testSplit: 'dev' })).toThrow(
      'libreOfficeProtocol: testSplit must be "test" (the suite\'s held-out split); got "dev"',
    );
  });
});
