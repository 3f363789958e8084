import type { TextDocument } from '@ksub/core';
import type { Skip } from './corpus-source';
import { jsonlDocuments } from './jsonl-documents';

async function* from(...parts: Array<string | number[]>): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield typeof p === 'string' ? new TextEncoder().encode(p) : Uint8Array.from(p);
}

async function read(chunks: AsyncIterable<Uint8Array>, maxLineBytes = 1000) {
  const docs: TextDocument[] = [];
  const skips: Skip[] = [];
  for await (const d of jsonlDocuments(chunks, 'f.jsonl', (s) => skips.push(s), maxLineBytes)) docs.push(d);
  return { docs, skips };
}

describe('jsonlDocuments', () => {
  it('makes one document per record, with id and metadata, skipping bad lines by line number', async () => {
    const { docs, skips } = await read(
      from(
        '{"id": 7, "text": "one", "lang": "en", "score": 2, "tags": ["x"]}\n',
        '\n',
        'not json\n{"text": 5}\n[1]\n',
        '{"text": "',
        [0xff],
        '"}\n',
        '{"text": "two"}',
      ),
    );
    expect(docs).toEqual([
      { id: '7', text: 'one', metadata: { lang: 'en', score: 2 } },
      { id: 'f.jsonl:7', text: 'two', metadata: {} },
    ]);
    expect(skips).toEqual([
      { reason: 'malformed-json', where: 'f.jsonl:3', detail: expect.stringContaining('JSON') },
      { reason: 'malformed-json', where: 'f.jsonl:4', detail: 'no string "text" field' },
      { reason: 'malformed-json', where: 'f.jsonl:5', detail: 'no string "text" field' },
      { reason: 'invalid-utf8', where: 'f.jsonl:6' },
    ]);
  });

  it('passes over lines of only Unicode whitespace without counting them', async () => {
    const { docs, skips } = await read(from('\u00a0\u3000\n{"text": "a"}\n'));
    expect(docs.map((d) => d.id)).toEqual(['f.jsonl:2']);
    expect(skips).toEqual([]);
  });

  it('skips a line longer than the limit as too-large', async () => {
    const { docs, skips } = await read(from(`{"text": "${'x'.repeat(50)}"}\n{"text": "ok"}`), 40);
    expect(docs.map((d) => d.text)).toEqual(['ok']);
    expect(skips).toEqual([
      { reason: 'too-large', where: 'f.jsonl:1', detail: 'line of 62 bytes; the longest read is 40' },
    ]);
  });
});
