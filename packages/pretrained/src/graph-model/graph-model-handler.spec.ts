import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddingMatrix } from '@ksub/core';
import { graphModelHandler } from './graph-model-handler';
import { readGraphModelFiles } from './read-graph-model-files';
import { replaceGraphModelWeight } from './replace-graph-model-weight';

let dir: string;
let modelJson: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-graph-handler-'));
  const b = Buffer.alloc(8);
  b.writeFloatLE(1, 0);
  b.writeFloatLE(2, 4);
  await writeFile(join(dir, 'w.bin'), b);
  modelJson = join(dir, 'model.json');
  await writeFile(
    modelJson,
    JSON.stringify({
      format: 'graph-model',
      modelTopology: { node: [{ name: 'x', op: 'Placeholder' }] },
      weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'e', shape: [1, 2], dtype: 'float32' }] }],
    }),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('graphModelHandler', () => {
  it('loads the artifacts of a model.json path, read when load() is called', async () => {
    const handler = graphModelHandler(modelJson);
    const artifacts = await handler.load();
    expect(artifacts.format).toBe('graph-model');
    expect(artifacts.modelTopology).toEqual({ node: [{ name: 'x', op: 'Placeholder' }] });
    expect(artifacts.weightSpecs).toEqual([{ name: 'e', shape: [1, 2], dtype: 'float32' }]);
    expect(Array.from(new Float32Array(artifacts.weightData))).toEqual([1, 2]);
  });

  it('loads artifacts already read, with a weight replaced', async () => {
    const files = replaceGraphModelWeight(
      await readGraphModelFiles(modelJson),
      'e',
      createEmbeddingMatrix(1, 2, Float32Array.of(3, 4)),
    );
    const artifacts = await graphModelHandler(files).load();
    expect(Array.from(new Float32Array(artifacts.weightData))).toEqual([3, 4]);
  });

  it('rejects on load() with the reader error naming the missing file', async () => {
    const missing = join(dir, 'none', 'model.json');
    await expect(graphModelHandler(missing).load()).rejects.toThrow(
      `cannot read the graph model ${missing}: does not exist (ENOENT)`,
    );
  });

  it('refuses a source that is neither a path nor a model', () => {
    expect(() => graphModelHandler(42 as never)).toThrow(
      'graphModelHandler: source must be a model.json path or a model read by readGraphModelFiles; got 42',
    );
  });
});
