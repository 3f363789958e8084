import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError, type LowRankFactors, reconstructTable, type SubTableFactors } from '@ksub/core';
import { SMALL_TABLE_SHAPE, writeSmallGraphModel } from '../../testing/small-graph-model';
import type { GraphModelFiles } from '../graph-model-artifacts';
import { graphModelHandler } from '../graph-model-handler';
import { graphModelWeight } from '../graph-model-weight';
import { readGraphModelFiles } from '../read-graph-model-files';
import { locateWeight } from '../weight-location';
import { readCompressedGraphModel } from './read-compressed-graph-model';
import { writeCompressedGraphModel } from './write-compressed-graph-model';

const [ROWS, COLS] = SMALL_TABLE_SHAPE;
const factors: LowRankFactors = {
  kind: 'low-rank',
  rows: ROWS,
  cols: COLS,
  rank: 2,
  a: new Float32Array(ROWS * 2).map((_, i) => (i - 5) / 3),
  b: new Float32Array(2 * COLS).map((_, i) => i / 7),
  bias: Float32Array.of(0.1, -0.2, 0.3, 1e-3),
};
const bytesOf = (files: GraphModelFiles, name: string): Buffer => {
  const { offset, bytes } = locateWeight(files, name, 'test');
  return Buffer.from(files.artifacts.weightData, offset, bytes);
};

let dir: string;
let small: GraphModelFiles;
let written: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-compressed-read-'));
  await mkdir(join(dir, 'src'));
  small = await readGraphModelFiles(await writeSmallGraphModel(join(dir, 'src')));
  written = join(dir, 'written');
  await writeCompressedGraphModel(small, 'emb', factors, written);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A copy of the written model, changed by `change`, and the path of its model.json. */
async function damaged(name: string, change: (d: string) => Promise<void>): Promise<string> {
  const copy = join(dir, name);
  await cp(written, copy, { recursive: true });
  await change(copy);
  return join(copy, 'model.json');
}
const editTable = (edit: (t: Record<string, unknown>) => void) => async (d: string) => {
  const path = join(d, 'ksub-table.json');
  const table = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  edit(table);
  await writeFile(path, JSON.stringify(table));
};

describe('readCompressedGraphModel', () => {
  it('rebuilds the table in place and gives back every other weight and field as it was', async () => {
    const read = await readCompressedGraphModel(join(written, 'model.json'));
    expect(read.path).toBe(join(written, 'model.json'));
    expect(read.artifacts.weightSpecs).toEqual(small.artifacts.weightSpecs);
    expect(graphModelWeight(read, 'emb')).toEqual(reconstructTable(factors));
    for (const name of ['q', 'n', 'f']) expect(bytesOf(read, name).equals(bytesOf(small, name))).toBe(true);
    expect(read.artifacts.weightData.byteLength).toBe(small.artifacts.weightData.byteLength);
    const { weightData: _a, weightSpecs: _b, ...rest } = read.artifacts;
    const { weightData: _c, weightSpecs: _d, ...want } = small.artifacts;
    expect(rest).toEqual(want); // topology, format, signature, userDefinedMetadata without the mark
    expect(await graphModelHandler(read).load()).toBe(read.artifacts);
  });

  it('gives back the original bytes exactly for lossless factors', async () => {
    const original = graphModelWeight(small, 'emb');
    const identity: SubTableFactors = {
      kind: 'sub-tables',
      rows: ROWS,
      k: 1,
      widths: [COLS],
      sizes: [ROWS],
      tables: [original.data],
      codes: Uint8Array.from({ length: ROWS }, (_, i) => i),
    };
    const out = join(dir, 'lossless');
    await writeCompressedGraphModel(small, 'emb', identity, out);
    const read = await readCompressedGraphModel(join(out, 'model.json'));
    expect(Buffer.from(read.artifacts.weightData).equals(Buffer.from(small.artifacts.weightData))).toBe(true);
    expect(read.artifacts.weightSpecs).toEqual(small.artifacts.weightSpecs);
  });

  it('reads a directory without ksub-table.json as a plain graph model', async () => {
    const plainJson = join(dir, 'src', 'model.json');
    expect(await readCompressedGraphModel(plainJson)).toEqual(await readGraphModelFiles(plainJson));
  });

  it('puts a table written as the last weight back last', async () => {
    const lastFirst: GraphModelFiles = {
      path: 'mem/model.json',
      artifacts: {
        modelTopology: { node: [] },
        weightSpecs: [
          { name: 'x', shape: [1], dtype: 'int32' },
          { name: 't', shape: [2, 1], dtype: 'float32' },
        ],
        weightData: Int32Array.of(7, 0, 0).buffer,
      },
    };
    const out = join(dir, 'last');
    const f: LowRankFactors = {
      kind: 'low-rank',
      rows: 2,
      cols: 1,
      rank: 1,
      a: Float32Array.of(1, 2),
      b: Float32Array.of(0.5),
    };
    await writeFile(join(dir, 'mem-model.json'), '{}');
    await writeCompressedGraphModel({ ...lastFirst, path: join(dir, 'mem-model.json') }, 't', f, out);
    const read = await readCompressedGraphModel(join(out, 'model.json'));
    expect(read.artifacts.weightSpecs.map((s) => s.name)).toEqual(['x', 't']);
    expect(Array.from(new Float32Array(read.artifacts.weightData, 4))).toEqual([0.5, 1]);
    expect(read.artifacts.userDefinedMetadata).toBeUndefined();
  });
});

describe('readCompressedGraphModel on damaged files', () => {
  it('names the file and weight for a missing ksub-table.bin', async () => {
    const json = await damaged('no-bin', (d) => rm(join(d, 'ksub-table.bin')));
    await expect(readCompressedGraphModel(json)).rejects.toThrow(
      `readCompressedGraphModel: weight "emb": cannot read ${join(dir, 'no-bin', 'ksub-table.bin')}: does not exist (ENOENT)`,
    );
  });

  it('names the file and weight for a missing ksub-table.json of a marked model', async () => {
    const json = await damaged('no-json', (d) => rm(join(d, 'ksub-table.json')));
    await expect(readCompressedGraphModel(json)).rejects.toThrow(
      `readCompressedGraphModel: weight "emb": cannot read ${join(dir, 'no-json', 'ksub-table.json')}: does not exist (ENOENT)`,
    );
  });

  it('names the file and weight for a corrupt bin (checksum mismatch)', async () => {
    const json = await damaged('corrupt', async (d) => {
      const bin = await readFile(join(d, 'ksub-table.bin'));
      bin[5] = (bin[5] as number) ^ 0x40;
      await writeFile(join(d, 'ksub-table.bin'), bin);
    });
    const call = readCompressedGraphModel(json);
    await expect(call).rejects.toThrow(FormatError);
    await expect(readCompressedGraphModel(json)).rejects.toThrow(
      new RegExp(
        `^readCompressedGraphModel: ${join(dir, 'corrupt', 'ksub-table.bin')}: weight "emb": checksum mismatch: its SHA-256 is [0-9a-f]{64}; ksub-table.json records [0-9a-f]{64}$`,
      ),
    );
  });

  it('names the file and weight for a truncated bin', async () => {
    const json = await damaged('truncated', async (d) => {
      const bin = await readFile(join(d, 'ksub-table.bin'));
      await writeFile(join(d, 'ksub-table.bin'), bin.subarray(0, 40));
    });
    await expect(readCompressedGraphModel(json)).rejects.toThrow(
      `readCompressedGraphModel: ${join(dir, 'truncated', 'ksub-table.bin')}: weight "emb": holds 40 bytes; ksub-table.json records 96 (truncated)`,
    );
  });

  it.each([
    [
      'a description that contradicts itself',
      (t: Record<string, unknown>) => Object.assign(t.factors as object, { rank: 3 }),
      'factors.arrays[0] (a) must have shape [6, 3]; got [6, 2]',
    ],
    [
      'a shape the factors do not give',
      (t: Record<string, unknown>) => Object.assign(t, { shape: [6, 5] }),
      'shape is [6, 5]; the factors give [6, 4]',
    ],
    [
      'another version',
      (t: Record<string, unknown>) => Object.assign(t, { version: 2 }),
      'version is 2; this reader knows version 1',
    ],
    [
      'an index past the weights',
      (t: Record<string, unknown>) => Object.assign(t, { index: 9 }),
      'index is 9; {model} lists only 3 other weights',
    ],
    [
      'another weight than model.json marks',
      (t: Record<string, unknown>) => Object.assign(t, { weight: 'other' }),
      '{model} marks weight "emb" as the compressed one',
    ],
  ])('names ksub-table.json for %s', async (name, edit, message) => {
    const json = await damaged(`bad-${name.replace(/\W+/g, '-')}`, editTable(edit));
    const error = await readCompressedGraphModel(json).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(FormatError);
    expect(error?.message).toContain(
      `readCompressedGraphModel: ${json.replace('model.json', 'ksub-table.json')}: weight "`,
    );
    expect(error?.message).toContain(message.replace('{model}', json));
  });

  it('refuses a model.json that lists the compressed weight itself', async () => {
    const json = await damaged('listed', async (d) => {
      await rm(d, { recursive: true });
      await cp(join(dir, 'src'), d, { recursive: true });
      await cp(join(written, 'ksub-table.json'), join(d, 'ksub-table.json'));
    });
    await expect(readCompressedGraphModel(json)).rejects.toThrow(
      `readCompressedGraphModel: ${join(dir, 'listed', 'ksub-table.json')}: weight "emb": ${json} lists this weight itself`,
    );
  });
});
