import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { assert, describe, fileError, type TextDocument } from '@ksub/core';
import type { CorpusSource, Skip, SourceOptions } from './corpus-source';
import { jsonlDocuments } from './jsonl-documents';

/**
 * Largest document read whole: a text file, or one line of a `.jsonl` (which is streamed, so the
 * file itself may be of any size). Bigger ones are skipped as `too-large` (split them first).
 */
export const MAX_TEXT_FILE_BYTES = 256 * 1024 * 1024;
const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md']);
/** Bytes looked at for a NUL to tell a binary file. */
const BINARY_PROBE_BYTES = 8192;

/**
 * Reads the first {@link BINARY_PROBE_BYTES} bytes of a stream (or all of a shorter one) to tell
 * whether it is binary, and hands back every byte for reading on, the probed ones first.
 */
async function probeBinary(
  stream: AsyncIterable<Uint8Array>,
): Promise<{ binary: boolean; chunks: AsyncIterable<Uint8Array> }> {
  const rest = stream[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let length = 0;
  while (length < BINARY_PROBE_BYTES) {
    const next = await rest.next();
    if (next.done === true) break;
    head.push(next.value);
    length += next.value.length;
  }
  const binary = Buffer.concat(head).subarray(0, BINARY_PROBE_BYTES).includes(0);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    yield* head;
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
  }
  return { binary, chunks: chunks() };
}

/** A plain-text file as one document, read whole (up to {@link MAX_TEXT_FILE_BYTES}). */
async function* textFile(file: string, label: string, skip: (s: Skip) => void): AsyncGenerator<TextDocument> {
  let bytes: Buffer;
  try {
    if ((await stat(file)).size > MAX_TEXT_FILE_BYTES) {
      skip({ reason: 'too-large', where: label });
      return;
    }
    bytes = await readFile(file);
  } catch (error) {
    skip({ reason: 'unreadable', where: label, detail: fileError(error, 'read', label).message });
    return;
  }
  if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
    skip({ reason: 'binary', where: label });
    return;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    skip({ reason: 'invalid-utf8', where: label });
    return;
  }
  yield { id: label, text };
}

/** A JSON Lines file, streamed line by line (see `jsonlDocuments`), after a check for binary content. */
async function* jsonlFile(
  file: string,
  label: string,
  skip: (s: Skip) => void,
): AsyncGenerator<TextDocument> {
  const stream = createReadStream(file);
  try {
    const { binary, chunks } = await probeBinary(stream);
    if (binary) {
      skip({ reason: 'binary', where: label });
      return;
    }
    yield* jsonlDocuments(chunks, label, skip, MAX_TEXT_FILE_BYTES);
  } catch (error) {
    if (typeof (error as { code?: unknown } | null)?.code !== 'string') throw error;
    // a read error: the lines before it have been yielded; the rest of the file is skipped
    skip({ reason: 'unreadable', where: label, detail: fileError(error, 'read', label).message });
  } finally {
    stream.destroy();
  }
}

async function listFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => (e.isDirectory() ? listFiles(join(path, e.name)) : Promise.resolve([join(path, e.name)]))),
  );
  return nested.flat();
}

/**
 * A corpus of the user's own files: plain-text files (`.txt`, `.text`, `.md`; one document per
 * file), JSON Lines (`.jsonl`; one document per line, `{ "text": …, "id"?: …, …metadata }`), or
 * directories of them, read recursively in name order. Binary files, invalid UTF-8, unreadable
 * files, malformed JSON lines, other extensions and empty documents are skipped and reported
 * through `onSkip`, never dropped silently.
 *
 * @param paths - files or directories
 * @param name - the corpus name (default `text-files`)
 * @throws TypeError when `paths` is not a non-empty array of strings
 * @example
 * ```ts
 * const source = textFilesSource(['notes/', 'extra.jsonl']);
 * ```
 */
export function textFilesSource(paths: readonly string[], name = 'text-files'): CorpusSource {
  assert(
    Array.isArray(paths) && paths.length > 0 && paths.every((p) => typeof p === 'string'),
    () =>
      `textFilesSource: paths must be a non-empty array of file or directory paths; got ${describe(paths)}`,
    TypeError,
  );
  return {
    name,
    description: `user files: ${paths.join(', ')}`,
    async *documents(options: SourceOptions = {}): AsyncGenerator<TextDocument> {
      const skip = options.onSkip ?? (() => undefined);
      for (const root of paths) {
        let files: string[];
        try {
          files = await listFiles(root);
        } catch (error) {
          skip({ reason: 'unreadable', where: root, detail: (error as Error).message });
          continue;
        }
        for (const file of files) {
          const ext = extname(file).toLowerCase();
          const label = relative(process.cwd(), file) || file;
          if (!TEXT_EXTENSIONS.has(ext) && ext !== '.jsonl') {
            skip({ reason: 'unsupported', where: label, detail: `extension ${ext || '(none)'}` });
            continue;
          }
          if (ext === '.jsonl') yield* jsonlFile(file, label, skip);
          else yield* textFile(file, label, skip);
        }
      }
    },
  };
}
