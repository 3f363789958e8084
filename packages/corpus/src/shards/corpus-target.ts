import { lstat, readdir, readlink } from 'node:fs/promises';
import { fileError, withFileContext } from '@ksub/core';
import { type CorpusManifest, MANIFEST_FILE, readManifest } from './manifest';

/**
 * What is at the path a corpus is about to be written to. Only `absent`, `empty-dir` and (with
 * `force`) `corpus` may be replaced; `other` is never touched.
 */
export type CorpusTarget =
  | { readonly kind: 'absent' }
  | { readonly kind: 'empty-dir' }
  | { readonly kind: 'corpus'; readonly manifest: CorpusManifest }
  | { readonly kind: 'other'; readonly what: string };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `3 entries (a, b, c)`: a directory's contents, shortened, for an error message. */
function listing(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ');
  const count = names.length === 1 ? '1 entry' : `${names.length} entries`;
  return `${count} (${shown}${names.length > 5 ? ', …' : ''})`;
}

/**
 * Looks at `path` without following a symbolic link: nothing there, an empty directory, a ksub
 * corpus (a directory whose manifest passes `readManifest`), or something else, described in
 * words for an error message.
 *
 * @example
 * ```ts
 * const target = await inspectCorpusTarget('data/en');
 * if (target.kind === 'other') console.log(target.what); // 'a directory of 2 entries (a.txt, b.txt) …'
 * ```
 */
export async function inspectCorpusTarget(path: string): Promise<CorpusTarget> {
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { kind: 'absent' };
    throw fileError(error, 'inspect the output path', path);
  }
  if (info.isSymbolicLink()) {
    const to = await readlink(path).catch(() => '?');
    return { kind: 'other', what: `a symbolic link to ${to} (pass the real path)` };
  }
  if (info.isFile()) return { kind: 'other', what: `a file of ${plural(info.size, 'byte')}` };
  if (!info.isDirectory()) return { kind: 'other', what: 'a special file (not a regular file or directory)' };
  const names = (await withFileContext('list the output directory', path, () => readdir(path))).sort();
  if (names.length === 0) return { kind: 'empty-dir' };
  try {
    return { kind: 'corpus', manifest: await readManifest(path) };
  } catch (error) {
    const why = names.includes(MANIFEST_FILE)
      ? `whose ${MANIFEST_FILE} is not a ksub corpus manifest (${(error as Error).message})`
      : 'with no corpus manifest';
    return { kind: 'other', what: `a directory of ${listing(names)} ${why}` };
  }
}

/**
 * Throws unless `target` (what is at `path`) may be replaced by a new corpus: nothing or an
 * empty directory always; a ksub corpus only with `force`; anything else never.
 *
 * @param fn - the caller, first word of the message
 * @throws Error naming `path`, what is there and, for a corpus of ours, that `force` replaces it
 * @example
 * ```ts
 * assertReplaceable('packCorpus', 'data/en', await inspectCorpusTarget('data/en'), false);
 * // Error: packCorpus: outDir data/en already holds a ksub corpus (…); pass --force (force: true) to replace it
 * ```
 */
export function assertReplaceable(fn: string, path: string, target: CorpusTarget, force: boolean): void {
  if (target.kind === 'other') {
    throw new Error(
      `${fn}: outDir ${path} must be absent or a ksub corpus; got ${target.what}; nothing was changed`,
    );
  }
  if (target.kind === 'corpus' && !force) {
    const { corpus, tokenizer, counts } = target.manifest;
    const tokens = counts.tokens.train + counts.tokens.validation;
    throw new Error(
      `${fn}: outDir ${path} already holds a ksub corpus (${corpus.name}, tokenizer ${tokenizer.name}, ${plural(tokens, 'token')}); pass --force (force: true) to replace it`,
    );
  }
}
