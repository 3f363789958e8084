import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runReadmeExample } from '@ksub/core/testing';

describe('README example', () => {
  it('runs, and prints what the README says it prints', async () => {
    const run = await runReadmeExample(join(__dirname, '..'));
    if (run.status !== 0) throw new Error(`the example exited ${run.status ?? run.signal}:\n${run.stderr}`);
    // USE lite's token table: 8,000 SentencePiece pieces of its vocab.json and 2 rows past them, 256 wide
    expect(run.stdout).toContain('module/Embeddings_en: 8002 × 256\n');
    // property: the manifest-located read and the whole-model read give the same float32 values
    expect(run.stdout).toContain('readTfjsWeight agrees: true\n');
    // 4 rows × 256 floats × 4 bytes = 4,096 bytes of data + the 128-byte .npy header (10 + dict, padded to 64)
    expect(run.stdout).toContain('npy: 4224 bytes; read back: true\n');
    expect(run.example.printed.length).toBeGreaterThan(0);
    expect(run.missing).toEqual([]);
  }, 180_000);
});
