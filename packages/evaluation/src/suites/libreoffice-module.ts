import { type HelpLanguage, LIBREOFFICE_HELP_LANGUAGES, readLibreOfficeHelp } from '@ksub/datasets';
import { assertSplit } from '../tasks/assert-split';
import type { Example, LoadedSplit, MetricName, SkippedRow, Task } from '../tasks/task';
import {
  LIBREOFFICE_MODULES,
  type LibreOfficeSplit,
  libreOfficeSplits,
  paragraphKeys,
} from './libreoffice-splits';

export { LIBREOFFICE_MODULES } from './libreoffice-splits';

/** The languages of the suite: English and the 8 XNLI languages Debian has LibreOffice help in. */
export const LIBREOFFICE_SUITE_LANGUAGES = Object.keys(LIBREOFFICE_HELP_LANGUAGES) as HelpLanguage[];

/**
 * Which LibreOffice application a help paragraph documents (Writer, Calc, Impress, Draw, Math,
 * Basic, Base, Chart or shared), from Debian's help packages — the same pages, paragraph-aligned, in
 * English and 8 XNLI languages, so it has XNLI's protocol shape: train on English and evaluate
 * every language (cross-lingual transfer), or train on all. Fixed train / dev / test splits,
 * 70/15/15 of each module's paragraphs, whole pages to one split, the same paragraphs in every
 * language; paragraphs whose English text repeats in the help (page templates) and paragraphs
 * without an English counterpart are in no split ({@link libreOfficeSplits}). Pages of no class are
 * reported as skipped, once, with `train`. The Table 4 stand-in:
 * real multilingual text and a real label, but topic classification rather than inference, 9
 * languages rather than 15, and technical prose where many terms stay untranslated. Needs
 * `npx nx run corpus:setup-debian`.
 *
 * @example
 * ```ts
 * const { examples } = await new LibreOfficeModuleTask('de').load('test'); // German paragraphs of the test pages
 * ```
 */
export class LibreOfficeModuleTask implements Task {
  readonly name: string;
  readonly kind = 'classification';
  readonly labels: readonly string[] = LIBREOFFICE_MODULES;
  readonly pair = false;
  readonly metrics: readonly MetricName[] = ['accuracy'];
  readonly splits = ['train', 'dev', 'test'] as const;
  readonly description: string;
  private cache: Promise<Map<string, LoadedSplit>> | undefined;

  constructor(
    readonly language: HelpLanguage,
    private readonly root?: string,
  ) {
    this.name = `libreoffice-module-${language}`;
    this.description = `LibreOffice help paragraphs (${language}) labelled by application (Debian libreoffice-help-*); train/dev/test 70/15/15 by page, stratified by module, repeated paragraphs left out`;
  }

  async load(split: string): Promise<LoadedSplit> {
    assertSplit(this.name, this.splits, split);
    this.cache ??= this.build().catch((error: unknown) => {
      this.cache = undefined; // a missing package is named again on the next load, not remembered
      throw error;
    });
    return (await this.cache).get(split) as LoadedSplit;
  }

  /** Every split in one pass over the pages. */
  private async build(): Promise<Map<string, LoadedSplit>> {
    const root = this.root === undefined ? [] : [this.root];
    const splits = await libreOfficeSplits(...root);
    const examples: Record<LibreOfficeSplit, Example[]> = { train: [], dev: [], test: [] };
    const skipped: SkippedRow[] = [];
    for await (const page of readLibreOfficeHelp(this.language, ...root)) {
      const label = LIBREOFFICE_MODULES.indexOf(page.module as (typeof LIBREOFFICE_MODULES)[number]);
      if (label < 0) {
        skipped.push({
          file: page.path,
          line: 0,
          reason: `module ${JSON.stringify(page.module)} is not one of the classes`,
        });
        continue;
      }
      const keys = paragraphKeys(page.path, page.paragraphs);
      page.paragraphs.forEach((p, i) => {
        const split = splits.get(keys[i] as string);
        if (split !== undefined) examples[split].push({ text: p.text, label, language: this.language });
      });
    }
    return new Map(
      this.splits.map((s) => [s, { examples: examples[s], skipped: s === 'train' ? skipped : [] }]),
    );
  }
}
