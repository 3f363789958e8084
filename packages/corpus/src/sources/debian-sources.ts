import type { TextDocument } from '@ksub/core';
import {
  type BibleName,
  type HelpLanguage,
  LIBREOFFICE_HELP_LANGUAGES,
  readLibreOfficeHelp,
  readSwordBible,
  SWORD_BIBLES,
} from '@ksub/datasets';
import type { CorpusSource } from './corpus-source';

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

/**
 * LibreOffice help from Debian's `libreoffice-help-*` packages (MPL-2.0; `npx nx run corpus:setup-debian`):
 * one document per page per language (English and 8 other XNLI languages), paragraphs in page order,
 * with `language`, `module` (the application: a real topic label) and `page` metadata.
 *
 * @example
 * ```ts
 * for await (const page of libreofficeHelpSource(['en', 'de']).documents()) console.log(page.metadata?.module);
 * ```
 */
export function libreofficeHelpSource(
  languages: readonly HelpLanguage[] = Object.keys(LIBREOFFICE_HELP_LANGUAGES) as HelpLanguage[],
): CorpusSource {
  return {
    name: 'libreoffice-help',
    description: `LibreOffice 7.4 help in ${languages.join(', ')} from Debian's libreoffice-help packages, MPL-2.0`,
    async *documents(): AsyncGenerator<TextDocument> {
      for (const language of languages) {
        for await (const page of readLibreOfficeHelp(language)) {
          yield {
            id: `lo-help/${language}/${page.path}`,
            text: page.paragraphs.map((p) => p.text).join('\n'),
            metadata: { language, module: page.module, page: page.path },
          };
        }
      }
    },
  };
}
