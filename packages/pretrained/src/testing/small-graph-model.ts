import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Rows and columns of the small model's table, `emb`. */
export const SMALL_TABLE_SHAPE = [6, 4] as const;

/**
 * Writes a small TF.js graph model into `dir` (which must exist) and returns its `model.json`
 * path, for tests of code that rewrites weights. Two manifest groups: the first, in two shards
 * (50 + 57 bytes), holds `q` (uint8-quantized float32 [1, 3]: 1, 2, 3 → 0.5, 0.75, 1), `emb`
 * (float32 [6, 4], the table: value i/2 − 3 at element i) and `n` (int32 [2, 1]: 5, 6); the second,
 * in one shard, `f` (float32 [1, 2]: 0.25, 0.75). `model.json` also has `format`, `signature`
 * and `userDefinedMetadata`.
 *
 * @example
 * ```ts
 * const modelJson = await writeSmallGraphModel(await mkdtemp(join(tmpdir(), 'g-')));
 * graphModelWeight(await readGraphModelFiles(modelJson), 'emb').rows; // 6
 * ```
 */
export async function writeSmallGraphModel(dir: string): Promise<string> {
  const [rows, cols] = SMALL_TABLE_SHAPE;
  const group1 = Buffer.alloc(3 + rows * cols * 4 + 8);
  group1.set([1, 2, 3], 0);
  for (let i = 0; i < rows * cols; i++) group1.writeFloatLE(i / 2 - 3, 3 + 4 * i);
  group1.writeInt32LE(5, 3 + rows * cols * 4);
  group1.writeInt32LE(6, 7 + rows * cols * 4);
  const group2 = Buffer.alloc(8);
  group2.writeFloatLE(0.25, 0);
  group2.writeFloatLE(0.75, 4);
  await writeFile(join(dir, 'a1.bin'), group1.subarray(0, 50));
  await writeFile(join(dir, 'a2.bin'), group1.subarray(50));
  await writeFile(join(dir, 'b1.bin'), group2);
  const modelJson = join(dir, 'model.json');
  await writeFile(
    modelJson,
    JSON.stringify(
      {
        format: 'graph-model',
        modelTopology: { node: [{ name: 'x', op: 'Placeholder' }] },
        signature: { inputs: { x: { name: 'x:0' } } },
        userDefinedMetadata: { note: 'small' },
        weightsManifest: [
          {
            paths: ['a1.bin', 'a2.bin'],
            weights: [
              {
                name: 'q',
                shape: [1, 3],
                dtype: 'float32',
                quantization: { dtype: 'uint8', min: 0.25, scale: 0.25 },
              },
              { name: 'emb', shape: [rows, cols], dtype: 'float32' },
              { name: 'n', shape: [2, 1], dtype: 'int32' },
            ],
          },
          { paths: ['b1.bin'], weights: [{ name: 'f', shape: [1, 2], dtype: 'float32' }] },
        ],
      },
      null,
      2,
    ),
  );
  return modelJson;
}
