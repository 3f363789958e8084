import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Example } from '../tasks/task';
import { LibreOfficeModuleTask } from './libreoffice-module';
import {
  type LibreOfficeSplit,
  libreOfficeHeldOutPages,
  libreOfficeSplits,
  paragraphKeys,
} from './libreoffice-splits';

const SPLITS: readonly LibreOfficeSplit[] = ['train', 'dev', 'test'];
const MODULES = ['swriter', 'scalc'] as const;

/** A page's HTML: paragraphs with ids inside the display area, as the help's pages have them. */
const html = (paragraphs: readonly [string, string][]) =>
  `<div id="DisplayArea">${paragraphs.map(([id, text]) => `<p id="${id}">${text}</p>`).join('')}</div>`;

/**
 * A help tree: 20 pages per module in English and German, each with two paragraphs of its own
 * and the template line "Syntax:" (on every page, so left out); German also has a page English
 * lacks, and English a page of a module that is no class. `reverse` writes the files in the other
 * order (the splits must not depend on it).
 */
async function helpTree(reverse = false): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ksub-lo-splits-'));
  const files: [string, string][] = [];
  for (const m of MODULES)
    for (let p = 0; p < 20; p++)
      for (const [dir, tag] of [
        ['en-US', ''],
        ['de', ' (de)'],
      ] as const)
        files.push([
          join(root, dir, 'text', m, `page${p}.html`),
          html([
            ['a', `${m} page ${p} first${tag}`],
            ['t', tag === '' ? 'Syntax:' : 'Syntax (de):'],
            ['b', `${m} page ${p} second${tag}`],
          ]),
        ]);
  files.push([join(root, 'de', 'text', 'swriter', 'only-de.html'), html([['a', 'nur deutsch']])]);
  files.push([join(root, 'en-US', 'text', 'sfoo', 'x.html'), html([['a', 'not a class']])]);
  for (const [path, text] of reverse ? [...files].reverse() : files) {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, text);
  }
  return root;
}

async function load(language: 'en' | 'de', root: string) {
  const task = new LibreOfficeModuleTask(language, root);
  const [train, dev, test] = await Promise.all([task.load('train'), task.load('dev'), task.load('test')]);
  return { train, dev, test };
}

const labelCounts = (examples: readonly Example[]) =>
  MODULES.map((_, m) => examples.filter((e) => e.label === m).length);

describe('the LibreOffice suite splits, on a hand-built help tree', () => {
  let root: string;
  let other: string;
  beforeAll(async () => {
    root = await helpTree();
    other = await helpTree(true);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(other, { recursive: true, force: true });
  });

  it('runs the paragraphKeys example: ids that repeat on a page are counted', () => {
    expect(paragraphKeys('swriter/a.html', [{ id: 'x' }, { id: 'y' }, { id: 'x' }])).toEqual([
      'swriter/a.html#x#0',
      'swriter/a.html#y#0',
      'swriter/a.html#x#1',
    ]);
  });

  it('stratifies by module, whole pages to a split: 40 paragraphs a module give 28 / 6 / 6 exactly', async () => {
    // writer is label 0 and calc label 1 (LIBREOFFICE_MODULES' order); pages of 2 kept paragraphs
    // meet the quotas 28 / 6 / 6 (70/15/15 of 40) with 14 / 3 / 3 pages
    const en = await load('en', root);
    expect(SPLITS.map((s) => labelCounts(en[s].examples))).toEqual([
      [28, 28],
      [6, 6],
      [6, 6],
    ]);
    const pageOf = (e: Example) => e.text.replace(/ (first|second)$/, '');
    for (const s of SPLITS) {
      const pages = new Set(en[s].examples.map(pageOf));
      for (const t of SPLITS.filter((x) => x !== s))
        expect(en[t].examples.filter((e) => pages.has(pageOf(e)))).toEqual([]);
    }
  });

  it('makes disjoint splits that cover every paragraph but the repeated ones', async () => {
    const en = await load('en', root);
    const texts = SPLITS.flatMap((s) => en[s].examples.map((e) => e.text));
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).toHaveLength(2 * 20 * 2);
    expect(texts).not.toContain('Syntax:');
    expect(texts).not.toContain('not a class');
    // the page of no class is reported once, with train
    expect(en.train.skipped).toEqual([
      { file: 'sfoo/x.html', line: 0, reason: 'module "sfoo" is not one of the classes' },
    ]);
    expect([en.dev.skipped, en.test.skipped]).toEqual([[], []]);
  });

  it('puts the same paragraphs in each split in every language', async () => {
    const [en, de] = [await load('en', root), await load('de', root)];
    for (const s of SPLITS)
      expect(de[s].examples.map((e) => e.text)).toEqual(en[s].examples.map((e) => `${e.text} (de)`));
    expect(de.test.examples.every((e) => e.language === 'de')).toBe(true);
    // German's template line is left out with its English counterpart, which repeats; the page
    // English lacks has no split
    const all = SPLITS.flatMap((s) => de[s].examples.map((e) => e.text));
    expect(all).not.toContain('nur deutsch');
    expect(all).not.toContain('Syntax (de):');
  });

  it('is deterministic: the same paragraphs per split whatever order the files were written in', async () => {
    const [a, b] = [await libreOfficeSplits(root), await libreOfficeSplits(other)];
    expect(a).not.toBe(b); // two roots, two computations
    expect([...b].sort()).toEqual([...a].sort());
    expect(await libreOfficeSplits(root)).toBe(a); // computed once per root
  });

  it('names the held-out pages: exactly those of the dev and test paragraphs, 3 + 3 per module', async () => {
    const en = await load('en', root);
    const pageOf = (e: Example) => {
      const [m, , p] = e.text.split(' ');
      return `${m}/page${p}.html`;
    };
    const expected = new Set([...en.dev.examples, ...en.test.examples].map(pageOf));
    const heldOut = await libreOfficeHeldOutPages(root);
    expect([...heldOut].sort()).toEqual([...expected].sort());
    expect(heldOut.size).toBe(2 * (3 + 3));
    for (const e of en.train.examples) expect(heldOut.has(pageOf(e))).toBe(false);
  });

  it('names the missing package when the English help is not installed', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'ksub-lo-empty-'));
    try {
      await expect(new LibreOfficeModuleTask('de', empty).load('train')).rejects.toThrow(
        'install the Debian package libreoffice-help-en-us',
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
