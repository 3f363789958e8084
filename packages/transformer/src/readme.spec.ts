import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runReadmeExample } from '@ksub/core/testing';

describe('README example', () => {
  it('runs, and prints what the README says it prints', async () => {
    const run = await runReadmeExample(join(__dirname, '..'));
    if (run.status !== 0) throw new Error(`the example exited ${run.status ?? run.signal}:\n${run.stderr}`);
    // tiny, N = 50,265, d = 32, 2 layers, FFN 64, 130 positions: a k-sub table of 37 rows × 32 (1,184)
    // + 4,160 (130·d) + 32 + 64 + 2 · 8,544 (layers) + 51,385 (MLM head: 1,056 + 64 + N) = 73,913;
    // with the full N·d = 1,608,480 table instead: 73,913 − 1,184 + 1,608,480 = 1,681,209.
    expect(run.stdout).toContain('model parameters: 73913; analytic: 73913\n');
    expect(run.stdout).toContain('with a full embedding: 1681209\n');
    // property: saving and loading keeps every float32 weight, so the loss is bit-for-bit the same
    expect(run.stdout).toContain('loaded (tokenizer roberta-gpt2): loss equal true\n');
    expect(run.example.printed.length).toBeGreaterThan(0);
    expect(run.missing).toEqual([]);
  }, 180_000);
});
