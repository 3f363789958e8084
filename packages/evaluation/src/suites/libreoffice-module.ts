import { type HelpLanguage, LIBREOFFICE_HELP_LANGUAGES, readLibreOfficeHelp } from '@ksub/datasets';
import { assertSplit } from '../tasks/assert-split';
import type { Example, LoadedSplit, MetricName, SkippedRow, Task } from '../tasks/task';
import { splitByHash } from './split-by-hash';

/** The LibreOffice applications a help page can document: the classes. */
export const LIBREOFFICE_MODULES = [
  'swriter',
  'scalc',
  'simpress',
  'sdraw',
  'smath',
  'sbasic',
  'sdatabase',
  'schart',
  'shared',
] as const;

/** The languages of the suite: English and the 8 XNLI languages Debian has LibreOffice help in. */
export const LIBREOFFICE_SUITE_LANGUAGES = Object.keys(LIBREOFFICE_HELP_LANGUAGES) as HelpLanguage[];

/**
 * Which LibreOffice application a help paragraph documents (Writer, Calc, Impress, Draw, Math,
 * Basic, Base, Chart or shared), from Debian's help packages — the same pages, paragraph-aligned, in
 * English and 8 XNLI languages, so it has XNLI's protocol shape: train on English and evaluate
 * every language (cross-lingual transfer), or train on all. Pages go to dev (10%) or train by a
 * hash of their path, the same in every language. The Table 4 stand-in: real multilingual text and a
 * real label, but topic classification rather than inference, 9 languages rather than 15, and
 * technical prose where many terms stay untranslated. Needs `npx nx run corpus:setup-debian`.
 */
export class LibreOfficeModuleTask implements Task {
  readonly name: string;
  readonly kind = 'classification';
  readonly labels: readonly string[] = LIBREOFFICE_MODULES;
  readonly pair = false;
  readonly metrics: readonly MetricName[] = ['accuracy'];
  readonly splits = ['train', 'dev'] as const;
  readonly description: string;

  constructor(
    readonly language: HelpLanguage,
    private readonly root?: string,
  ) {
    this.name = `libreoffice-module-${language}`;
    this.description = `LibreOffice help paragraphs (${language}) labelled by application (Debian libreoffice-help-*)`;
  }

  async load(split: string): Promise<LoadedSplit> {
    assertSplit(this.name, this.splits, split);
    const examples: Example[] = [];
    const skipped: SkippedRow[] = [];
    for await (const page of readLibreOfficeHelp(
      this.language,
      ...(this.root === undefined ? [] : [this.root]),
    )) {
      const label = LIBREOFFICE_MODULES.indexOf(page.module as (typeof LIBREOFFICE_MODULES)[number]);
      if (splitByHash(`page ${page.path}`, 0.1) !== split) continue;
      if (label < 0) {
        skipped.push({
          file: page.path,
          line: 0,
          reason: `module ${JSON.stringify(page.module)} is not one of the classes`,
        });
        continue;
      }
      for (const p of page.paragraphs) examples.push({ text: p.text, label, language: this.language });
    }
    return { examples, skipped };
  }
}
