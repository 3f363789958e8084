import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { assert, describe, type TextDocument } from '@ksub/core';
import type { CorpusSource, SourceOptions } from './corpus-source';

/** Largest file read whole; bigger ones are skipped as `too-large` (split them first). */
export const MAX_TEXT_FILE_BYTES = 256 * 1024 * 1024;
const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md']);

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
      const decoder = new TextDecoder('utf-8', { fatal: true });
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
          let bytes: Buffer;
          try {
            if ((await stat(file)).size > MAX_TEXT_FILE_BYTES) {
              skip({ reason: 'too-large', where: label });
              continue;
            }
            bytes = await readFile(file);
          } catch (error) {
            skip({ reason: 'unreadable', where: label, detail: (error as Error).message });
            continue;
          }
          if (bytes.subarray(0, 8192).includes(0)) {
            skip({ reason: 'binary', where: label });
            continue;
          }
          let text: string;
          try {
            text = decoder.decode(bytes);
          } catch {
            skip({ reason: 'invalid-utf8', where: label });
            continue;
          }
          if (ext !== '.jsonl') {
            yield { id: label, text };
            continue;
          }
          const lines = text.split('\n');
          for (const [i, line] of lines.entries()) {
            if (line.trim() === '') continue;
            const where = `${label}:${i + 1}`;
            let record: unknown;
            try {
              record = JSON.parse(line);
            } catch (error) {
              skip({ reason: 'malformed-json', where, detail: (error as Error).message });
              continue;
            }
            const r = record as Record<string, unknown>;
            if (typeof r !== 'object' || r === null || typeof r['text'] !== 'string') {
              skip({ reason: 'malformed-json', where, detail: 'no string "text" field' });
              continue;
            }
            const metadata: Record<string, string | number> = {};
            for (const [k, v] of Object.entries(r)) {
              if (k !== 'text' && k !== 'id' && (typeof v === 'string' || typeof v === 'number'))
                metadata[k] = v;
            }
            yield {
              id: typeof r['id'] === 'string' || typeof r['id'] === 'number' ? String(r['id']) : where,
              text: r['text'],
              metadata,
            };
          }
        }
      }
    },
  };
}
