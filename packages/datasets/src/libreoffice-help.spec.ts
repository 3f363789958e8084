import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import {
  type HelpPage,
  helpParagraphs,
  LIBREOFFICE_HELP_ROOT,
  readLibreOfficeHelp,
} from './libreoffice-help';

async function collect(pages: AsyncIterable<HelpPage>): Promise<HelpPage[]> {
  const out: HelpPage[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

describe('helpParagraphs', () => {
  it('reads headings and paragraphs with ids inside the display area only', () => {
    const html =
      '<header><p id="nav">LibreOffice 7.4 Help</p></header><div id="DisplayArea"><h1 id="h">Table</h1>' +
      '<p id="p1" class="paragraph"><span class="avis">Shows &amp; hides</span>\n tables</p><p id="empty"> </p><p>no id</p></div>';
    expect(helpParagraphs(html)).toEqual([
      { id: 'h', text: 'Table' },
      { id: 'p1', text: 'Shows & hides tables' },
    ]);
  });
});

describe('readLibreOfficeHelp on a hand-built tree', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ksub-lohelp-'));
    await mkdir(join(root, 'de', 'text', 'swriter'), { recursive: true });
    await mkdir(join(root, 'de', 'text', 'scalc'), { recursive: true });
    await writeFile(
      join(root, 'de', 'text', 'swriter', 'main.html'),
      '<div id="DisplayArea"><h1 id="a">Tabelle</h1></div>',
    );
    await writeFile(
      join(root, 'de', 'text', 'scalc', 'x.html'),
      '<div id="DisplayArea"><p id="b">Zelle</p></div>',
    );
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('yields pages in path order with their module', async () => {
    expect(await collect(readLibreOfficeHelp('de', root))).toEqual([
      { path: 'scalc/x.html', module: 'scalc', paragraphs: [{ id: 'b', text: 'Zelle' }] },
      { path: 'swriter/main.html', module: 'swriter', paragraphs: [{ id: 'a', text: 'Tabelle' }] },
    ]);
  });

  it('names the Debian package of a missing language and rejects others', async () => {
    await expect(collect(readLibreOfficeHelp('zh', root))).rejects.toThrow(
      new FormatError(
        `readLibreOfficeHelp: ${join(root, 'zh-CN', 'text')} is missing; install the Debian package libreoffice-help-zh-cn (npx nx run corpus:setup-debian)`,
      ),
    );
    await expect(collect(readLibreOfficeHelp('ar' as 'en', root))).rejects.toThrow(TypeError);
  });
});

const installed =
  existsSync(join(LIBREOFFICE_HELP_ROOT, 'en-US', 'text')) &&
  existsSync(join(LIBREOFFICE_HELP_ROOT, 'de', 'text'));
(installed ? describe : describe.skip)(
  'readLibreOfficeHelp on the installed Debian packages [Debian corpora]',
  () => {
    it('aligns English and German pages and paragraphs by path and id', async () => {
      const [en, de] = await Promise.all([
        collect(readLibreOfficeHelp('en')),
        collect(readLibreOfficeHelp('de')),
      ]);
      expect(en.length).toBeGreaterThan(2500);
      expect(de.map((p) => p.path)).toEqual(en.map((p) => p.path));
      const table = (pages: HelpPage[]) => pages.find((p) => p.path === 'swriter/main0110.html');
      expect(table(en)?.paragraphs[0]).toEqual({ id: 'par_idN10553', text: 'Table' });
      expect(table(de)?.paragraphs[0]?.id).toBe('par_idN10553');
      const modules = new Set(en.map((p) => p.module));
      expect([...modules].sort()).toEqual([
        'sbasic',
        'scalc',
        'schart',
        'sdatabase',
        'sdraw',
        'shared',
        'simpress',
        'smath',
        'swriter',
      ]);
      // reads ~5,000 HTML pages: ~2 s alone, past jest's 5 s default on a loaded machine
    }, 60_000);
  },
);
