import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@ksub/tensor';
import type { CompressionRecord } from '../direction/compression-record';
import { tinyCorpus, tinyModel } from '../fault-drill/tiny-inputs';
import { captureStdout, useTempDir } from '../testing/temp-dir';
import { CompressArgsSchema, compressCell } from './compress-cell';

describe('the compress cell (seed 001)', () => {
  const dir = useTempDir('compress-cell');
  beforeAll(() => initBackend({ log: null }));

  it('compresses the baseline by SVD, swaps it in, and records the masked LM before and after', async () => {
    const [corpus, model] = await Promise.all([tinyCorpus(dir.path), tinyModel(dir.path)]);
    const out = join(dir.path, 'direction', 'svd-r4.json');
    const outModel = join(dir.path, 'compress-svd-r4', 'model');
    const args = CompressArgsSchema.parse({
      method: 'svd',
      rank: 4,
      ratio: 7.4,
      model,
      corpus,
      seed: 1,
      evalSequences: 4,
      batchSize: 4,
      autoencoder: { epochs: 1, batchSize: 512, seed: 1 },
      outModel,
      out,
    });
    const context = { preset: 'test', outputs: [outModel, out], resume: true, source: 'spec' };
    const { result, stdout } = await captureStdout(() => compressCell.run(args, context));
    expect(result).toBe(true);
    expect(stdout).toMatch(/^compress svd r=4: 201188 parameters \(ratio 8.0\)/); // 4 · (50,265 + 32); 50,265 · 32 / 201,188
    const record = JSON.parse(readFileSync(out, 'utf8')) as CompressionRecord;
    expect(record).toMatchObject({
      method: 'svd',
      rank: 4,
      targetRatio: 7.4,
      params: 201_188,
      fullParams: 50_265 * 32,
    });
    expect(record.provenance).toMatchObject({ preset: 'test', seed: 1 });
    expect(record.history).toEqual([]);
    // both scored on the same masked positions
    expect(record.positions).toBeGreaterThan(0);
    expect(Number.isFinite(record.swapped.loss) && Number.isFinite(record.baseline.loss)).toBe(true);
    expect(existsSync(join(outModel, 'weights.json'))).toBe(true);
  }, 120_000);

  it('takes only the three compressors', () => {
    expect(CompressArgsSchema.shape.method.options).toEqual(['svd', 'ae-mse', 'ae-direction']);
  });
});
