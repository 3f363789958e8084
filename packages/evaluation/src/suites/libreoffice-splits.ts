import { LIBREOFFICE_HELP_ROOT, readLibreOfficeHelp } from '@ksub/datasets';
import { normalizeText, type SplitItem, stratifiedSplit } from '../splits/stratified-split';
import { SUITE_SPLIT_FRACTIONS } from '../splits/suite-fractions';

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

/** A split of the LibreOffice-help suite. */
export type LibreOfficeSplit = keyof typeof SUITE_SPLIT_FRACTIONS;

/**
 * A help paragraph's key, the same in every translation: its page's path, its id, and which
 * paragraph of that id on the page it is (ids repeat within some pages).
 *
 * @example
 * ```ts
 * paragraphKeys('swriter/a.html', [{ id: 'x' }, { id: 'y' }, { id: 'x' }]);
 * // ['swriter/a.html#x#0', 'swriter/a.html#y#0', 'swriter/a.html#x#1']
 * ```
 */
export function paragraphKeys(path: string, paragraphs: readonly { readonly id: string }[]): string[] {
  const seen = new Map<string, number>();
  return paragraphs.map(({ id }) => {
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return `${path}#${id}#${n}`;
  });
}

// one computation per help root, shared by the 9 languages' tasks
const cache = new Map<string, Promise<ReadonlyMap<string, LibreOfficeSplit>>>();

async function build(root: string): Promise<ReadonlyMap<string, LibreOfficeSplit>> {
  const paragraphs: { key: string; label: number; text: string; group: string }[] = [];
  const copies = new Map<string, number>();
  for await (const page of readLibreOfficeHelp('en', root)) {
    const label = LIBREOFFICE_MODULES.indexOf(page.module as (typeof LIBREOFFICE_MODULES)[number]);
    if (label < 0) continue; // not a class: the tasks report such pages as skipped
    const keys = paragraphKeys(page.path, page.paragraphs);
    page.paragraphs.forEach((p, i) => {
      const text = normalizeText(p.text);
      copies.set(text, (copies.get(text) ?? 0) + 1);
      paragraphs.push({ key: keys[i] as string, label, text, group: page.path });
    });
  }
  const items: SplitItem[] = paragraphs.filter((p) => copies.get(p.text) === 1);
  const assigned = stratifiedSplit(items, SUITE_SPLIT_FRACTIONS);
  const splits = new Map<string, LibreOfficeSplit>();
  for (const split of Object.keys(assigned) as LibreOfficeSplit[])
    for (const i of assigned[split]) splits.set((items[i] as SplitItem).key, split);
  return splits;
}

/**
 * The fixed train / dev / test splits of the LibreOffice-help suite, paragraph key
 * ({@link paragraphKeys}) → split, the same in every language. Defined on the English help, the
 * source every translation aligns to (and the language cross-lingual transfer trains on):
 *
 * - **Repeated paragraphs are left out** of every split: a paragraph whose normalised English text
 *   occurs more than once in the help (page templates such as "Syntax:", 583 times, or a menu path
 *   repeated across pages — 35,670 of the 65,885 paragraphs) is the template of its page rather
 *   than its topic; many repeat across modules with other labels, and kept they would put 41% of
 *   the test paragraphs verbatim in train. 30,215 paragraphs remain.
 * - **Stratified, by page**: {@link stratifiedSplit} at 70/15/15 ({@link SUITE_SPLIT_FRACTIONS}),
 *   stratified by module, each page one group — so a page and all its translations sit in one
 *   split, and no translation of a test paragraph is trained on under either protocol.
 * - **Deterministic**: a function of the English pages (paths, modules, paragraph ids and texts),
 *   not of file order or a seed.
 *
 * Computed once per `root` (a failed read is retried, not remembered).
 *
 * @param root - the help root (default Debian's {@link LIBREOFFICE_HELP_ROOT})
 * @throws FormatError naming the Debian package when the English help is not installed
 * @example
 * ```ts
 * const splits = await libreOfficeSplits();
 * splits.get('swriter/main0110.html#par_idN10553#0'); // 'train', 'dev', 'test', or undefined (left out)
 * ```
 */
export function libreOfficeSplits(
  root: string = LIBREOFFICE_HELP_ROOT,
): Promise<ReadonlyMap<string, LibreOfficeSplit>> {
  let splits = cache.get(root);
  if (splits === undefined) {
    splits = build(root).catch((error: unknown) => {
      cache.delete(root);
      throw error;
    });
    cache.set(root, splits);
  }
  return splits;
}

/**
 * The help pages (paths such as `swriter/main0110.html`, the same in every language) that hold a
 * dev or test paragraph of {@link libreOfficeSplits}: the pages a pretraining corpus leaves out so
 * that no paragraph the suite evaluates on — in any language — was pretrained on. Pages go to a
 * split whole, so every other page is a training page or holds only repeated paragraphs.
 *
 * @param root - the help root (default Debian's {@link LIBREOFFICE_HELP_ROOT})
 * @throws FormatError naming the Debian package when the English help is not installed
 * @example
 * ```ts
 * const heldOut = await libreOfficeHeldOutPages();
 * heldOut.has('swriter/main0110.html'); // true when the page is in dev or test
 * ```
 */
export async function libreOfficeHeldOutPages(
  root: string = LIBREOFFICE_HELP_ROOT,
): Promise<ReadonlySet<string>> {
  const pages = new Set<string>();
  // a key is `<page path>#<id>#<n>` (paragraphKeys); help paths hold no '#'
  for (const [key, split] of await libreOfficeSplits(root))
    if (split !== 'train') pages.add(key.slice(0, key.indexOf('#')));
  return pages;
}
