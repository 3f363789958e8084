import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getCorpus, type Skip } from '@ksub/corpus';
import { LIBREOFFICE_HELP_ROOT, readLibreOfficeHelp } from '@ksub/datasets';
import { libreOfficeHeldOutPages } from '@ksub/evaluation';
import { cellArgsProblems } from './cell-kinds';
import { LIBREOFFICE_TRAIN_CORPUS, registerSuiteCorpora } from './suite-corpora';

describe('the evaluation suites’ corpora', () => {
  it('registers libreoffice-help-train once, where the corpus cell looks corpora up', () => {
    registerSuiteCorpora();
    registerSuiteCorpora(); // a second call is no error
    expect(getCorpus(LIBREOFFICE_TRAIN_CORPUS).name).toBe('libreoffice-help-train');
    const args = { corpus: LIBREOFFICE_TRAIN_CORPUS, tokenizer: 'xlmr-o200k', maxLength: 128, out: 'x' };
    expect(cellArgsProblems('corpus', args)).toEqual([]);
  });

  const help = existsSync(join(LIBREOFFICE_HELP_ROOT, 'en-US', 'text'));
  (help ? it : it.skip)(
    'English: every page is either kept or a held-out page, reported as such [Debian corpora]',
    async () => {
      registerSuiteCorpora();
      const heldOut = await libreOfficeHeldOutPages();
      const skipped: Skip[] = [];
      const kept: string[] = [];
      for await (const doc of getCorpus(LIBREOFFICE_TRAIN_CORPUS).documents({
        onSkip: (s) => skipped.push(s),
      })) {
        if (doc.metadata?.language !== 'en') break; // English comes first
        kept.push(doc.metadata.page as string);
      }
      const pages: string[] = [];
      for await (const page of readLibreOfficeHelp('en')) pages.push(page.path);
      const skippedPages = skipped.filter((s) => s.where.startsWith('lo-help/en/'));
      expect(skippedPages.every((s) => s.reason === 'held-out')).toBe(true);
      expect(skippedPages.map((s) => s.where.slice('lo-help/en/'.length))).toEqual(
        pages.filter((p) => heldOut.has(p)),
      );
      expect(kept).toEqual(pages.filter((p) => !heldOut.has(p)));
      // 30% of the kept paragraphs are in dev or test: a sizeable share of the pages
      expect(heldOut.size).toBeGreaterThan(0.15 * pages.length);
    },
    120_000,
  );
});
