import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { assert, describe, FormatError } from '@ksub/core';

/** Where Debian's `sword-text-*` packages put their modules. */
export const SWORD_ROOT = '/usr/share/sword';

/** The Bibles this project reads, by short name: SWORD module and Debian package. */
export const SWORD_BIBLES = {
  kjv: { module: 'engKJV2006eb', package: 'sword-text-kjv', language: 'en' },
  web: { module: 'engWEB2015eb', package: 'sword-text-web', language: 'en' },
  rv1909: { module: 'spaRV1909eb', package: 'sword-text-sparv', language: 'es' },
} as const;

/** A short Bible name: `kjv`, `web` or `rv1909`. */
export type BibleName = keyof typeof SWORD_BIBLES;

/** One verse, referenced as in OSIS (`Gen`, `John`, `1Cor`). */
export interface Verse {
  readonly book: string;
  readonly chapter: number;
  readonly verse: number;
  /** Plain text: markup, Strong's numbers and footnotes removed. */
  readonly text: string;
}

/**
 * Plain text of one OSIS verse entry: footnotes and cross-references dropped, tags removed,
 * trailing back matter (a glossary appended to the last verse) cut, white space collapsed.
 *
 * @example
 * ```ts
 * osisToText('<w lemma="strong:H0430">God</w><note>…</note><w>created</w>'); // 'God created'
 * ```
 */
export function osisToText(osis: string): string {
  const main = osis.split(/<div [^>]*type="(?:back|glossary|x-glossary)"/)[0] ?? '';
  return main
    .replace(/<note[\s\S]*?<\/note>/g, '')
    .replace(/<\/w><w[ >]/g, (m) => `</w> ${m.slice(4)}`)
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads one testament (`ot` or `nt`) of a zText module: index entries and their decompressed text. */
async function readTestament(dir: string, testament: 'ot' | 'nt'): Promise<string[]> {
  const [bzs, bzv, bzz] = await Promise.all(
    ['bzs', 'bzv', 'bzz'].map((ext) => readFile(join(dir, `${testament}.${ext}`))),
  );
  if (bzs === undefined || bzv === undefined || bzz === undefined) return [];
  if (bzs.length % 12 !== 0 || bzv.length % 10 !== 0) {
    throw new FormatError(
      `readSwordBible: ${dir}/${testament}.bzs or .bzv has a size that is not a whole number of entries`,
    );
  }
  const blocks = new Map<number, Buffer>();
  const block = (b: number): Buffer => {
    let hit = blocks.get(b);
    if (hit === undefined) {
      if ((b + 1) * 12 > bzs.length)
        throw new FormatError(
          `readSwordBible: ${dir}/${testament}.bzv points to block ${b}, past the end of .bzs`,
        );
      const offset = bzs.readUInt32LE(b * 12);
      const size = bzs.readUInt32LE(b * 12 + 4);
      try {
        hit = inflateSync(bzz.subarray(offset, offset + size));
      } catch (error) {
        throw new FormatError(
          `readSwordBible: ${dir}/${testament}.bzz block ${b} does not inflate (${(error as Error).message})`,
        );
      }
      blocks.set(b, hit);
    }
    return hit;
  };
  const entries: string[] = [];
  for (let at = 0; at < bzv.length; at += 10) {
    const size = bzv.readUInt16LE(at + 8);
    if (size === 0) {
      entries.push('');
      continue;
    }
    const b = bzv.readUInt32LE(at);
    const offset = bzv.readUInt32LE(at + 4);
    entries.push(block(b).toString('utf8', offset, offset + size));
  }
  return entries;
}

/**
 * Reads a Bible from a SWORD zText module installed by Debian (`sword-text-kjv`, `sword-text-web`,
 * `sword-text-sparv`; all public domain): `.bzs` block index (12-byte entries: offset, size,
 * uncompressed size), `.bzv` verse index (10-byte entries: block, offset, size), `.bzz` zlib blocks.
 * Verse references are read from the module's own OSIS markup (book and chapter start markers),
 * so no versification table is needed; verses of KJV-versified modules (KJV, RV1909) align by
 * reference, and WEB (NRSVA versification, with the deuterocanon) aligns wherever the references
 * agree.
 *
 * @param name - `kjv`, `web` or `rv1909`
 * @param root - SWORD directory (default `/usr/share/sword`)
 * @throws FormatError naming the Debian package to install when the module is missing
 * @example
 * ```ts
 * const kjv = await readSwordBible('kjv');
 * kjv.find((v) => v.book === 'John' && v.chapter === 11 && v.verse === 35)?.text; // 'Jesus wept.'
 * ```
 */
export async function readSwordBible(name: BibleName, root = SWORD_ROOT): Promise<Verse[]> {
  assert(
    Object.hasOwn(SWORD_BIBLES, name),
    () =>
      `readSwordBible: name must be one of ${Object.keys(SWORD_BIBLES).join(', ')}; got ${describe(name)}`,
    TypeError,
  );
  const { module, package: pkg } = SWORD_BIBLES[name];
  const candidates = [module, module.toLowerCase()].map((m) => join(root, 'modules', 'texts', 'ztext', m));
  let entries: string[] | undefined;
  let found = '';
  for (const candidate of candidates) {
    try {
      entries = [...(await readTestament(candidate, 'ot')), ...(await readTestament(candidate, 'nt'))];
      found = candidate;
      break;
    } catch (error) {
      if (error instanceof FormatError) throw error;
    }
  }
  if (entries === undefined) {
    throw new FormatError(
      `readSwordBible: the ${name} module is not installed under ${root}; install the Debian package ${pkg} (npx nx run corpus:setup-debian)`,
    );
  }
  const verses: Verse[] = [];
  let book: string | undefined;
  let chapter = 0;
  let verse = 0;
  for (const entry of entries) {
    const start = /<chapter [^>]*sID="([^".]+)\.(\d+)"/.exec(entry);
    if (start !== null) {
      book = start[1];
      chapter = Number(start[2]);
      verse = 0;
      continue;
    }
    if (/<div [^>]*type="book"/.test(entry) && !/<chapter /.test(entry)) {
      book = undefined; // a book heading: no verse until its first chapter starts
      continue;
    }
    if (book === undefined) continue;
    verse++;
    const text = osisToText(entry);
    if (text.length > 0) verses.push({ book, chapter, verse, text });
  }
  if (verses.length === 0) throw new FormatError(`readSwordBible: no verses found in ${found}`);
  return verses;
}
