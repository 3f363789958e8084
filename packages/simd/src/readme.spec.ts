import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runReadmeExample } from '@ksub/core/testing';

describe('README example', () => {
  it('runs, and prints what the README says it prints', async () => {
    const run = await runReadmeExample(join(__dirname, '..'));
    if (run.status !== 0) throw new Error(`the example exited ${run.status ?? run.signal}:\n${run.stderr}`);
    // [[1, 2, 3], [4, 5, 6]] · [[7, 8], [9, 10], [11, 12]] = [[58, 64], [139, 154]], by hand
    expect(run.stdout).toContain('X·B: 58, 64, 139, 154\n');
    // four equal logits: softmax 1/4 each, loss ln 4 = 1.3863, gradient 1/4 − onehot(2)
    expect(run.stdout).toContain('loss: 1.3863\n');
    expect(run.stdout).toContain('gradient: 0.2500, 0.2500, -0.7500, 0.2500\n');
    expect(run.example.printed.length).toBeGreaterThan(0);
    expect(run.missing).toEqual([]);
  }, 120_000);
});
