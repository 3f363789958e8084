import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LIBREOFFICE_HELP_ROOT, SWORD_ROOT } from '@ksub/datasets';
import { BibleParaphraseTask } from './bible-paraphrase';
import { LIBREOFFICE_MODULES, LibreOfficeModuleTask } from './libreoffice-module';

// Real data from Debian packages (npx nx run corpus:setup-debian); without them these are skipped.
const bibles =
  existsSync(join(SWORD_ROOT, 'modules/texts/ztext/engKJV2006eb')) &&
  existsSync(join(SWORD_ROOT, 'modules/texts/ztext/engWEB2015eb'));
const help =
  existsSync(join(LIBREOFFICE_HELP_ROOT, 'en-US/text')) && existsSync(join(LIBREOFFICE_HELP_ROOT, 'de/text'));

(bibles ? describe : describe.skip)('Bible paraphrase pairs (KJV ↔ WEB) [Debian corpora]', () => {
  it('pairs each aligned verse once, about half paraphrases, chapters not split across train and dev', async () => {
    const task = new BibleParaphraseTask();
    const train = await task.load('train');
    const dev = await task.load('dev');
    const total = train.examples.length + dev.examples.length;
    expect(total).toBeGreaterThan(25_000); // ~31k verses, minus chapter ends
    expect(Math.abs(dev.examples.length / total - 0.1)).toBeLessThan(0.03);
    const positives = train.examples.filter((e) => e.label === 1).length / train.examples.length;
    expect(Math.abs(positives - 0.5)).toBeLessThan(0.02);
    const firstTexts = new Set(train.examples.map((e) => e.text));
    expect(dev.examples.filter((e) => firstTexts.has(e.text)).length / dev.examples.length).toBeLessThan(
      0.02,
    ); // repeated verses only
    const john =
      train.examples.find((e) => e.text.startsWith('For God so loved the world,')) ??
      dev.examples.find((e) => e.text.startsWith('For God so loved the world,'));
    expect(john).toBeDefined();
  }, 120_000);
});

(help ? describe : describe.skip)('LibreOffice help by module [Debian corpora]', () => {
  it('splits 70/15/15 by page, stratified by module, the same paragraphs in English and German', async () => {
    const en = new LibreOfficeModuleTask('en');
    const de = new LibreOfficeModuleTask('de');
    const [enTrain, enDev, enTest, deTrain, deTest] = await Promise.all([
      en.load('train'),
      en.load('dev'),
      en.load('test'),
      de.load('train'),
      de.load('test'),
    ]);
    const total = enTrain.examples.length + enDev.examples.length + enTest.examples.length;
    // 30,215 paragraphs whose English text occurs once (libreOfficeSplits' JSDoc)
    expect(total).toBeGreaterThan(25_000);
    const count = (xs: readonly { label: number }[], m: number) => xs.filter((x) => x.label === m).length;
    for (let m = 0; m < LIBREOFFICE_MODULES.length; m++) {
      const all = count(enTrain.examples, m) + count(enDev.examples, m) + count(enTest.examples, m);
      // whole pages: within a few pages' paragraphs of 15% of each module
      expect(Math.abs(count(enTest.examples, m) - 0.15 * all)).toBeLessThanOrEqual(Math.max(10, 0.02 * all));
      // aligned translations: the same paragraphs, so the same counts in German
      expect(count(deTest.examples, m)).toBe(count(enTest.examples, m));
    }
    expect(deTrain.examples.length).toBe(enTrain.examples.length);
    // repeated paragraphs left out: no test text is a training text
    const train = new Set(enTrain.examples.map((e) => e.text.toLowerCase()));
    expect(enTest.examples.filter((e) => train.has(e.text.toLowerCase()))).toEqual([]);
    expect(deTest.examples.every((e) => e.language === 'de')).toBe(true);
  }, 180_000);
});
