import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { FormatError } from '@ksub/core';
import { osisToText, readSwordBible, SWORD_ROOT } from './sword-bible';

/** Writes a one-block zText testament holding `entries` (the SWORD layout, built here by hand). */
async function writeTestament(dir: string, testament: string, entries: string[]): Promise<void> {
  const texts = entries.map((e) => Buffer.from(e, 'utf8'));
  const block = Buffer.concat(texts);
  const zipped = deflateSync(block);
  const bzs = Buffer.alloc(12);
  bzs.writeUInt32LE(0, 0);
  bzs.writeUInt32LE(zipped.length, 4);
  bzs.writeUInt32LE(block.length, 8);
  const bzv = Buffer.alloc(10 * texts.length);
  let offset = 0;
  texts.forEach((t, i) => {
    bzv.writeUInt32LE(0, i * 10);
    bzv.writeUInt32LE(offset, i * 10 + 4);
    bzv.writeUInt16LE(t.length, i * 10 + 8);
    offset += t.length;
  });
  await writeFile(join(dir, `${testament}.bzs`), bzs);
  await writeFile(join(dir, `${testament}.bzv`), bzv);
  await writeFile(join(dir, `${testament}.bzz`), zipped);
}

describe('osisToText', () => {
  it('drops notes and tags and keeps words apart', () => {
    expect(
      osisToText(
        '<w lemma="strong:H0430">God</w><note placement="foot">Elohim</note><w lemma="x">created</w> the <w>earth</w>. ',
      ),
    ).toBe('God created the earth.');
    expect(osisToText('Amen. <div type="back" sID="x"/> Glossary text')).toBe('Amen.');
  });
});

describe('readSwordBible on a hand-built module', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ksub-sword-'));
    const dir = join(root, 'modules', 'texts', 'ztext', 'engKJV2006eb');
    await mkdir(dir, { recursive: true });
    await writeTestament(dir, 'ot', [
      '',
      '<milestone type="x-importer"/>',
      '<div osisID="Gen" type="book"/><title>Genesis</title>',
      '<chapter n="1" osisID="Gen.1" sID="Gen.1"/> ',
      'In the <w>beginning</w>.',
      '',
      'Third <w>verse</w>.',
      '<chapter n="2" osisID="Gen.2" sID="Gen.2"/>',
      'Thus.',
      '<div osisID="Exod" type="book"/>',
      '<chapter n="1" osisID="Exod.1" sID="Exod.1"/>',
      'Now these.',
    ]);
    await writeTestament(dir, 'nt', [
      '',
      '<div osisID="Matt" type="book"/>',
      '<chapter sID="Matt.1"/>',
      'The book.',
    ]);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('numbers verses from the chapter and book markers, skipping empty entries', async () => {
    expect(await readSwordBible('kjv', root)).toEqual([
      { book: 'Gen', chapter: 1, verse: 1, text: 'In the beginning.' },
      { book: 'Gen', chapter: 1, verse: 3, text: 'Third verse.' },
      { book: 'Gen', chapter: 2, verse: 1, text: 'Thus.' },
      { book: 'Exod', chapter: 1, verse: 1, text: 'Now these.' },
      { book: 'Matt', chapter: 1, verse: 1, text: 'The book.' },
    ]);
  });

  it('names the Debian package when a module is missing, and rejects unknown names', async () => {
    await expect(readSwordBible('web', root)).rejects.toThrow(
      new FormatError(
        `readSwordBible: the web module is not installed under ${root}; install the Debian package sword-text-web (npx nx run corpus:setup-debian)`,
      ),
    );
    await expect(readSwordBible('niv' as 'kjv', root)).rejects.toThrow(
      'readSwordBible: name must be one of kjv, web, rv1909; got "niv"',
    );
  });
});

// Real modules come from Debian packages (npx nx run corpus:setup-debian); CI installs them.
const installed = existsSync(join(SWORD_ROOT, 'modules', 'texts', 'ztext', 'engKJV2006eb'));
(installed ? describe : describe.skip)(
  'readSwordBible on the installed Debian modules [Debian corpora]',
  () => {
    it('reads the KJV: 31,102 verses, known texts', async () => {
      const kjv = await readSwordBible('kjv');
      const at = (book: string, chapter: number, verse: number) =>
        kjv.find((v) => v.book === book && v.chapter === chapter && v.verse === verse)?.text;
      expect(kjv).toHaveLength(31102);
      expect(at('Gen', 1, 1)).toBe('In the beginning God created the heaven and the earth.');
      expect(at('John', 11, 35)).toBe('Jesus wept.');
      expect(at('Ps', 119, 176)).toBe(
        'I have gone astray like a lost sheep; seek thy servant; for I do not forget thy commandments.',
      );
    });

    it('aligns RV1909 with the KJV by reference', async () => {
      const [kjv, rv] = await Promise.all([readSwordBible('kjv'), readSwordBible('rv1909')]);
      const keys = new Set(kjv.map((v) => `${v.book}.${v.chapter}.${v.verse}`));
      const shared = rv.filter((v) => keys.has(`${v.book}.${v.chapter}.${v.verse}`));
      expect(shared.length).toBeGreaterThan(31000);
      expect(rv.find((v) => v.book === 'John' && v.chapter === 11 && v.verse === 35)?.text).toBe(
        'Y lloró Jesús.',
      );
    });

    it('reads the WEB without its glossary in the last verse', async () => {
      const web = await readSwordBible('web');
      const last = web.find((v) => v.book === 'Rev' && v.chapter === 22 && v.verse === 21);
      expect(last?.text).toBe('The grace of the Lord Jesus Christ be with all the saints. Amen.');
      expect(web.find((v) => v.book === 'Gen' && v.chapter === 1 && v.verse === 1)?.text).toBe(
        'In the beginning, God created the heavens and the earth.',
      );
    });
  },
);
