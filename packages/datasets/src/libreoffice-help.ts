import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { assert, describe, FormatError } from '@ksub/core';
import { decodeEntities } from './html-text';
import type { XnliLanguage } from './xnli-languages';

/** Where Debian's `libreoffice-help-*` packages put the help pages. */
export const LIBREOFFICE_HELP_ROOT = '/usr/share/libreoffice/help';

/** The XNLI languages with a Debian LibreOffice help package, and that package's directory. */
export const LIBREOFFICE_HELP_LANGUAGES = {
  en: 'en-US',
  de: 'de',
  es: 'es',
  fr: 'fr',
  el: 'el',
  ru: 'ru',
  tr: 'tr',
  vi: 'vi',
  zh: 'zh-CN',
} as const satisfies Partial<Record<XnliLanguage, string>>;

/** A language with LibreOffice help. */
export type HelpLanguage = keyof typeof LIBREOFFICE_HELP_LANGUAGES;

/** One help page: its path (the same in every language), module and paragraphs by id. */
export interface HelpPage {
  /** Path under `text/`, e.g. `swriter/main0110.html`, identical across languages. */
  readonly path: string;
  /** The application the page documents: `swriter`, `scalc`, `simpress`, `sdraw`, `smath`, `sbasic`, `sdatabase`, `schart` or `shared`. */
  readonly module: string;
  /** Headings and paragraphs in page order; `id` is the same in every translation of the page. */
  readonly paragraphs: ReadonlyArray<{ readonly id: string; readonly text: string }>;
}

/**
 * The paragraphs of one help page: every `<h1>`–`<h6>` and `<p>` with an `id` inside the page's
 * display area, tags removed, entities decoded, white space collapsed; empty ones dropped.
 *
 * @example
 * ```ts
 * helpParagraphs('<div id="DisplayArea"><h1 id="a">Table</h1><p id="b">Shows <span>commands</span></p></div>');
 * // [{ id: 'a', text: 'Table' }, { id: 'b', text: 'Shows commands' }]
 * ```
 */
export function helpParagraphs(html: string): Array<{ id: string; text: string }> {
  const start = html.indexOf('id="DisplayArea"');
  const body = start < 0 ? html : html.slice(start);
  const out: Array<{ id: string; text: string }> = [];
  for (const m of body.matchAll(/<(h[1-6]|p)\s+id="([^"]+)"[^>]*>([\s\S]*?)<\/\1>/g)) {
    const text = decodeEntities((m[3] ?? '').replace(/<[^>]*>/g, ' '))
      .replace(/\s+/g, ' ')
      .trim();
    if (text.length > 0) out.push({ id: m[2] ?? '', text });
  }
  return out;
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) =>
        e.isDirectory()
          ? htmlFiles(join(dir, e.name))
          : Promise.resolve(e.name.endsWith('.html') ? [join(dir, e.name)] : []),
      ),
  );
  return nested.flat();
}

/**
 * Reads the LibreOffice help in one language from Debian's `libreoffice-help-<lang>` package (MPL-2.0):
 * 2,561 pages in the same paths in every language, with paragraph ids shared across translations,
 * so paragraphs align across the 9 languages; the page path names the application (Writer, Calc,
 * Impress, …), a real label for classification. Pages come in path order.
 *
 * @throws FormatError naming the Debian package when the language is not installed; TypeError for
 *   a language without LibreOffice help
 * @example
 * ```ts
 * for await (const page of readLibreOfficeHelp('de')) console.log(page.module, page.paragraphs.length);
 * ```
 */
export async function* readLibreOfficeHelp(
  language: HelpLanguage,
  root = LIBREOFFICE_HELP_ROOT,
): AsyncGenerator<HelpPage> {
  assert(
    Object.hasOwn(LIBREOFFICE_HELP_LANGUAGES, language),
    () =>
      `readLibreOfficeHelp: language must be one of ${Object.keys(LIBREOFFICE_HELP_LANGUAGES).join(', ')}; got ${describe(language)}`,
    TypeError,
  );
  const code = LIBREOFFICE_HELP_LANGUAGES[language];
  const dir = join(root, code, 'text');
  try {
    await stat(dir);
  } catch {
    throw new FormatError(
      `readLibreOfficeHelp: ${dir} is missing; install the Debian package libreoffice-help-${code.toLowerCase()} (npx nx run corpus:setup-debian)`,
    );
  }
  for (const file of await htmlFiles(dir)) {
    const path = relative(dir, file);
    const paragraphs = helpParagraphs(await readFile(file, 'utf8'));
    yield { path, module: path.split('/')[0] ?? '', paragraphs };
  }
}
