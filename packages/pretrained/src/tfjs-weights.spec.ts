import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import { readTfjsWeight } from './tfjs-weights';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksub-tfjs-'));
  await writeFile(join(dir, 's.bin'), Buffer.alloc(16));
  await mkdir(join(dir, 'adir'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function manifestFile(name: string, manifest: unknown): Promise<string> {
  await writeFile(join(dir, name), JSON.stringify(manifest));
  return join(dir, name);
}

const group = (weights: unknown, paths: unknown = ['s.bin']) => ({ weightsManifest: [{ paths, weights }] });

describe('readTfjsWeight on a malformed manifest', () => {
  it.each([
    [
      'null',
      null,
      'no weights manifest: expected a model.json with weightsManifest or a list of groups; got null',
    ],
    [
      'a group without weights',
      { weightsManifest: [{ paths: ['s.bin'] }] },
      'weightsManifest[0].weights must be a list; got undefined',
    ],
    [
      'a group without paths',
      { weightsManifest: [{ weights: [] }] },
      'weightsManifest[0].paths must be a list of file names; got undefined',
    ],
    [
      'a weight without a shape',
      group([{ name: 'x', dtype: 'float32' }]),
      'weightsManifest[0].weights[0] ("x"): shape must be a list of non-negative integers; got undefined',
    ],
    [
      'a fractional shape',
      group([{ name: 'x', dtype: 'float32', shape: [1.5, 2] }]),
      'weightsManifest[0].weights[0] ("x"): shape must be a list of non-negative integers; got [1.5, 2]',
    ],
    [
      'a weight without a name',
      group([{ dtype: 'float32', shape: [2] }]),
      'weightsManifest[0].weights[0]: name must be a string; got undefined',
    ],
    [
      'an empty target',
      group([{ name: 'x', dtype: 'float32', shape: [0, 2] }]),
      'weight x has shape [0, 2]; an embedding matrix needs at least one row and one column',
    ],
  ])('throws FormatError naming the file for %s', async (_, manifest, what) => {
    const path = await manifestFile('m.json', manifest);
    await expect(readTfjsWeight(path, 'x')).rejects.toThrow(
      new FormatError(`readTfjsWeight: ${path}: ${what}`),
    );
  });

  it.each([
    ['is a directory', 'adir', 'is a directory, not a file (EISDIR)'],
    ['does not exist', 'nope.bin', 'does not exist (ENOENT)'],
  ])('names the shard when it %s', async (_, shard, what) => {
    const path = await manifestFile(
      'm.json',
      group([{ name: 'x', dtype: 'float32', shape: [1, 2] }], [shard]),
    );
    await expect(readTfjsWeight(path, 'x')).rejects.toThrow(
      `cannot read the weight shard ${join(dir, shard)}: ${what}`,
    );
  });
});
