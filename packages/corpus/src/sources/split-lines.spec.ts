import { splitLines, type Line } from './split-lines';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

async function* chunked(text: string, size: number): AsyncGenerator<Uint8Array> {
  const all = bytes(text);
  for (let i = 0; i < all.length; i += size) yield all.subarray(i, i + size);
}

async function collect(lines: AsyncIterable<Line>): Promise<Array<[number, string | number]>> {
  const out: Array<[number, string | number]> = [];
  for await (const l of lines)
    out.push([l.number, l.bytes === undefined ? l.tooLong : new TextDecoder().decode(l.bytes)]);
  return out;
}

describe('splitLines', () => {
  const text = '{"a":1}\n\n  \r\n é ok\r\nlast';
  // what text.split('\n') gives, numbered from 1, without the lines of only whitespace
  const expected: Array<[number, string]> = [
    [1, '{"a":1}'],
    [4, ' é ok\r'],
    [5, 'last'],
  ];

  it.each([1, 2, 3, 7, 1000])(
    'numbers lines like split("\\n") whatever the chunk size (%i bytes)',
    async (size) => {
      expect(await collect(splitLines(chunked(text, size), 100))).toEqual(expected);
    },
  );

  it('keeps whitespace around a line that spans chunks', async () => {
    expect(await collect(splitLines(chunked('  \v {"x": 1}\t\n', 2), 100))).toEqual([[1, '  \v {"x": 1}\t']]);
  });

  it('reports a line over the limit by its length and goes on', async () => {
    expect(await collect(splitLines(chunked('short\n0123456789\nok', 3), 8))).toEqual([
      [1, 'short'],
      [2, 10],
      [3, 'ok'],
    ]);
  });

  it('yields each line as it arrives, from a stream that never ends', async () => {
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (let i = 0; ; i++) yield bytes(`line ${i}\n`);
    }
    const first: string[] = [];
    for await (const line of splitLines(endless(), 100)) {
      first.push(new TextDecoder().decode(line.bytes));
      if (first.length === 3) break;
    }
    expect(first).toEqual(['line 0', 'line 1', 'line 2']);
  });

  it('passes over millions of blank lines holding nothing', async () => {
    const blank = new Uint8Array(1 << 20).fill(10); // 1 MiB of '\n'
    async function* blanks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 16; i++) yield blank;
      yield bytes('{"text": "end"}');
    }
    expect(await collect(splitLines(blanks(), 100))).toEqual([[16 * (1 << 20) + 1, '{"text": "end"}']]);
  });
});
