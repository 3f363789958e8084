import type { TextDocument } from '@ksub/core';
import {
  type BibleName,
  type HelpLanguage,
  LIBREOFFICE_HELP_LANGUAGES,
  readLibreOfficeHelp,
  readSwordBible,
  SWORD_BIBLES,
} from '@ksub/datasets';
import type { CorpusSource, SourceOptions } from './corpus-source';

/**
 * Bibles from Debian's SWORD packages (public domain; install with `npx nx run corpus:setup-debian`):
 * the KJV and the World English Bible (English) and the Reina-Valera 1909 (Spanish), one document per
 * chapter per translation, with `translation`, `language`, `book` and `chapter` metadata. About
 * 0.8M + 0.9M English words and 0.7M Spanish.
 *
 * @example
 * ```ts
 * for await (const chapter of biblesSource(['kjv']).documents()) console.log(chapter.id); // bible/kjv/Gen.1, …
 * ```
 */
export function biblesSource(names: readonly BibleName[] = ['kjv', 'web', 'rv1909']): CorpusSource {
  return {
    name: 'bibles',
    description: `Bibles (${names.join(', ')}) from Debian's sword-text packages, public domain`,
    async *documents(): AsyncGenerator<TextDocument> {
      for (const name of names) {
        const verses = await readSwordBible(name);
        let i = 0;
        while (i < verses.length) {
          const first = verses[i];
          if (first === undefined) break;
          const parts: string[] = [];
          while (
            i < verses.length &&
            verses[i]?.book === first.book &&
            verses[i]?.chapter === first.chapter
          ) {
            parts.push(verses[i]?.text ?? '');
            i++;
          }
          yield {
            id: `bible/${name}/${first.book}.${first.chapter}`,
            text: parts.join(' '),
            metadata: {
              translation: name,
              language: SWORD_BIBLES[name].language,
              book: first.book,
              chapter: first.chapter,
            },
          };
        }
      }
    },
  };
}

/** Options of {@link libreofficeHelpSource}. */
export interface LibreOfficeHelpOptions {
  /** Registry name (default `libreoffice-help`). */
  readonly name?: string;
  /**
   * The pages (paths such as `swriter/main0110.html`, the same in every language) to leave out —
   * an evaluation's dev and test pages, so that no paragraph it scores is pretrained on, in any
   * language. Read once per pass, before the first page; each page left out is reported to
   * `onSkip` as `held-out`, once per language.
   */
  readonly heldOutPages?: () => Promise<ReadonlySet<string>>;
}

/**
 * LibreOffice help from Debian's `libreoffice-help-*` packages (MPL-2.0; `npx nx run corpus:setup-debian`):
 * one document per page per language (English and 8 other XNLI languages), paragraphs in page order,
 * with `language`, `module` (the application: a real topic label) and `page` metadata. With
 * `heldOutPages`, an evaluation's held-out pages are left out (counted as `held-out` skips).
 *
 * @example
 * ```ts
 * for await (const page of libreofficeHelpSource(['en', 'de']).documents()) console.log(page.metadata?.module);
 * ```
 */
export function libreofficeHelpSource(
  languages: readonly HelpLanguage[] = Object.keys(LIBREOFFICE_HELP_LANGUAGES) as HelpLanguage[],
  options: LibreOfficeHelpOptions = {},
): CorpusSource {
  const { name = 'libreoffice-help', heldOutPages } = options;
  const without = heldOutPages === undefined ? '' : ', without the pages an evaluation holds out';
  return {
    name,
    description: `LibreOffice 7.4 help in ${languages.join(', ')} from Debian's libreoffice-help packages${without}, MPL-2.0`,
    async *documents(sourceOptions: SourceOptions = {}): AsyncGenerator<TextDocument> {
      const heldOut = heldOutPages === undefined ? undefined : await heldOutPages();
      for (const language of languages) {
        for await (const page of readLibreOfficeHelp(language)) {
          const id = `lo-help/${language}/${page.path}`;
          if (heldOut?.has(page.path) === true) {
            sourceOptions.onSkip?.({ reason: 'held-out', where: id });
            continue;
          }
          yield {
            id,
            text: page.paragraphs.map((p) => p.text).join('\n'),
            metadata: { language, module: page.module, page: page.path },
          };
        }
      }
    },
  };
}
