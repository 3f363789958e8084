import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError, type LowRankFactors, type SubTableFactors } from '@ksub/core';
import { SMALL_TABLE_SHAPE, writeSmallGraphModel } from '../../testing/small-graph-model';
import type { GraphModelFiles } from '../graph-model-artifacts';
import { readGraphModelFiles } from '../read-graph-model-files';
import { KSUB_TABLE_FORMAT, type KsubTableFile } from './ksub-table-file';
import { writeCompressedGraphModel } from './write-compressed-graph-model';

const [ROWS, COLS] = SMALL_TABLE_SHAPE;
const factors: LowRankFactors = {
  kind: 'low-rank',
  rows: ROWS,
  cols: COLS,
  rank: 2,
  a: new Float32Array(ROWS * 2).map((_, i) => i - 5),
  b: new Float32Array(2 * COLS).map((_, i) => i / 8),
};

let dir: string;
let modelJson: string;
let small: GraphModelFiles;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-compressed-write-'));
  await mkdir(join(dir, 'src'));
  modelJson = await writeSmallGraphModel(join(dir, 'src'));
  small = await readGraphModelFiles(modelJson);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const thrown = async (p: Promise<unknown>): Promise<Error> => {
  try {
    await p;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
};

describe('writeCompressedGraphModel on a small model', () => {
  it('writes model.json without the table, the other weights byte for byte, and ksub-table.{json,bin}', async () => {
    const out = join(dir, 'out-layout');
    const report = await writeCompressedGraphModel(small, 'emb', factors, out);
    expect((await readdir(out)).sort()).toEqual([
      'group1-shard1of1',
      'ksub-table.bin',
      'ksub-table.json',
      'model.json',
    ]);

    const model = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect(model.weightsManifest).toEqual([
      {
        paths: ['group1-shard1of1'],
        weights: small.artifacts.weightSpecs.filter((w) => w.name !== 'emb'),
      },
    ]);
    expect(model.modelTopology).toEqual(small.artifacts.modelTopology);
    expect(model.format).toBe('graph-model');
    expect(model.signature).toEqual(small.artifacts.signature);
    expect(model.userDefinedMetadata).toEqual({
      note: 'small',
      ksubTable: { file: 'ksub-table.json', weight: 'emb' },
    });

    // q's 3 bytes, then (emb's 96 bytes gone) n's 8 and f's 8
    const original = Buffer.from(small.artifacts.weightData);
    const shard = await readFile(join(out, 'group1-shard1of1'));
    expect(shard.equals(Buffer.concat([original.subarray(0, 3), original.subarray(99)]))).toBe(true);

    const table = JSON.parse(await readFile(join(out, 'ksub-table.json'), 'utf8')) as KsubTableFile;
    const bin = await readFile(join(out, 'ksub-table.bin'));
    expect(table).toMatchObject({
      format: KSUB_TABLE_FORMAT,
      version: 1,
      weight: 'emb',
      dtype: 'float32',
      shape: [6, 4],
      index: 1,
      binBytes: 80,
      factors: { kind: 'low-rank', rows: 6, cols: 4, rank: 2, byteLength: 80 },
    });
    expect(table.binSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(bin.length).toBe(4 * (12 + 8));

    const size = async (name: string) => (await stat(join(out, name))).size;
    expect(report).toEqual({
      outDir: out,
      weight: 'emb',
      weightBytes: 96,
      before: {
        modelJson: (await stat(modelJson)).size,
        shards: 115,
        tableJson: 0,
        tableBin: 0,
        total: (await stat(modelJson)).size + 115,
      },
      after: {
        modelJson: await size('model.json'),
        shards: 19,
        tableJson: await size('ksub-table.json'),
        tableBin: 80,
        total: (await size('model.json')) + 19 + (await size('ksub-table.json')) + 80,
      },
      shardFiles: ['group1-shard1of1'],
    });
    expect(await readdir(dir)).toEqual(expect.not.arrayContaining([expect.stringMatching(/\.tmp-/)]));
  });

  it('stores sub-table factors with their uint16 codes', async () => {
    const out = join(dir, 'out-sub');
    const sub: SubTableFactors = {
      kind: 'sub-tables',
      rows: ROWS,
      k: 2,
      widths: [1, 3],
      sizes: [300, 2],
      tables: [new Float32Array(300).map((_, i) => i), Float32Array.of(1, 2, 3, 4, 5, 6)],
      codes: Uint16Array.of(0, 0, 299, 1, 256, 0, 3, 1, 4, 0, 5, 1),
    };
    const report = await writeCompressedGraphModel(small, 'emb', sub, out);
    const table = JSON.parse(await readFile(join(out, 'ksub-table.json'), 'utf8')) as KsubTableFile;
    expect(table.factors.arrays.map((a) => [a.name, a.dtype])).toEqual([
      ['tables[0]', 'float32'],
      ['tables[1]', 'float32'],
      ['codes', 'uint16'],
    ]);
    expect(report.after.tableBin).toBe(4 * 306 + 2 * 12);
  });

  it('writes into an empty directory, replaces its own output, and refuses anything else untouched', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    await writeCompressedGraphModel(small, 'emb', factors, empty);
    const again = await writeCompressedGraphModel(
      small,
      'emb',
      { ...factors, rank: 1, a: new Float32Array(ROWS), b: new Float32Array(COLS) },
      empty,
    );
    expect(again.after.tableBin).toBe(4 * (ROWS + COLS));

    const foreign = join(dir, 'foreign');
    await mkdir(foreign);
    await writeFile(join(foreign, 'notes.txt'), 'mine');
    const error = await thrown(writeCompressedGraphModel(small, 'emb', factors, foreign));
    expect(error.message).toBe(
      `writeCompressedGraphModel: ${foreign} exists and is not a compressed graph model written by ksub (a directory of other files); refusing to replace it: move it away or choose another path`,
    );
    expect(await readdir(foreign)).toEqual(['notes.txt']);

    // the source model's own directory is a graph model, but not one this function wrote
    await expect(writeCompressedGraphModel(small, 'emb', factors, join(dir, 'src'))).rejects.toThrow(
      'exists and is not a compressed graph model written by ksub',
    );
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    await expect(writeCompressedGraphModel(small, 'emb', factors, file)).rejects.toThrow('(a file)');
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('names the file, the weight and both shapes for factors of another shape', async () => {
    const error = await thrown(
      writeCompressedGraphModel(
        small,
        'emb',
        { ...factors, rows: 5, a: new Float32Array(10) },
        join(dir, 'x'),
      ),
    );
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe(
      `writeCompressedGraphModel: ${modelJson}: weight "emb" has shape [6, 4]; the factors have shape [5, 4]`,
    );
  });

  it('refuses a weight that is not 2-D', async () => {
    const flat: GraphModelFiles = {
      path: 'mem/model.json',
      artifacts: {
        modelTopology: {},
        weightSpecs: [{ name: 'v', shape: [24], dtype: 'float32' }],
        weightData: new ArrayBuffer(96),
      },
    };
    const error = await thrown(writeCompressedGraphModel(flat, 'v', factors, join(dir, 'flat')));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe(
      'writeCompressedGraphModel: mem/model.json: weight "v" has shape [24]; only a 2-D weight can be stored as factors',
    );
  });

  it.each([
    [
      'a weight the model lacks',
      'none',
      factors,
      FormatError,
      `writeCompressedGraphModel: {model}: no weight named "none"`,
    ],
    [
      'an int32 weight',
      'n',
      factors,
      TypeError,
      'weight "n" has dtype int32; only a float32 weight can be stored as factors',
    ],
    [
      'inconsistent factors',
      'emb',
      { ...factors, b: new Float32Array(3) },
      RangeError,
      'writeCompressedGraphModel: {model}: weight "emb": encodeTableFactors: factors.b must hold rank·cols = 8 values; got 3',
    ],
    [
      'a non-finite factor',
      'emb',
      { ...factors, a: new Float32Array(ROWS * 2).fill(Infinity) },
      RangeError,
      'weight "emb": encodeTableFactors: factors.a must hold finite values; got Infinity at element 0',
    ],
  ])(
    'refuses %s, naming the file and weight, and writes nothing',
    async (_, weight, f, ErrorType, message) => {
      const out = join(dir, `refused-${weight}`);
      const error = await thrown(writeCompressedGraphModel(small, weight, f as LowRankFactors, out));
      expect(error).toBeInstanceOf(ErrorType);
      expect(error.message).toContain(message.replace('{model}', modelJson));
      await expect(stat(out)).rejects.toThrow('ENOENT');
    },
  );
});
