import type { TextDocument } from '@ksub/core';
import type { Skip } from './corpus-source';
import { splitLines } from './split-lines';

/**
 * Streams JSON Lines into documents: one per line `{ "text": …, "id"?: …, …metadata }`, read as
 * the bytes arrive (memory holds one line, whatever the file's size). Blank lines are passed over;
 * a line that is not UTF-8, not JSON, has no string `text`, or is longer than `maxLineBytes` is
 * skipped and reported through `onSkip` with its `label:line`, and reading goes on. A document's
 * id is its `id` field, else `label:line`; string and number fields other than `text` and `id`
 * become metadata.
 *
 * @param chunks - the file's bytes, e.g. `fs.createReadStream(path)`
 * @param label - the file, as named in ids and skips
 * @param maxLineBytes - the longest line read
 * @example
 * ```ts
 * for await (const doc of jsonlDocuments(createReadStream('a.jsonl'), 'a.jsonl', console.warn, 1 << 28)) …
 * ```
 */
export async function* jsonlDocuments(
  chunks: AsyncIterable<Uint8Array>,
  label: string,
  onSkip: (skip: Skip) => void,
  maxLineBytes: number,
): AsyncGenerator<TextDocument> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const line of splitLines(chunks, maxLineBytes)) {
    const where = `${label}:${line.number}`;
    if (line.bytes === undefined) {
      onSkip({
        reason: 'too-large',
        where,
        detail: `line of ${line.tooLong} bytes; the longest read is ${maxLineBytes}`,
      });
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(line.bytes);
    } catch {
      onSkip({ reason: 'invalid-utf8', where });
      continue;
    }
    if (text.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      onSkip({ reason: 'malformed-json', where, detail: (error as Error).message });
      continue;
    }
    const r = record as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || typeof r['text'] !== 'string') {
      onSkip({ reason: 'malformed-json', where, detail: 'no string "text" field' });
      continue;
    }
    const metadata: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(r)) {
      if (k !== 'text' && k !== 'id' && (typeof v === 'string' || typeof v === 'number')) metadata[k] = v;
    }
    yield {
      id: typeof r['id'] === 'string' || typeof r['id'] === 'number' ? String(r['id']) : where,
      text: r['text'],
      metadata,
    };
  }
}
