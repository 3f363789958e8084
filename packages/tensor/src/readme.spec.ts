import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runReadmeExample } from '@ksub/core/testing';

describe('README example', () => {
  it('runs, and prints what the README says it prints', async () => {
    const run = await runReadmeExample(join(__dirname, '..'));
    if (run.status !== 0) throw new Error(`the example exited ${run.status ?? run.signal}:\n${run.stderr}`);
    // [[1, 2, 3], [4, 5, 6]] · [[7, 8], [9, 10], [11, 12]] = [[58, 64], [139, 154]], by hand
    expect(run.stdout).toContain('matMul: [[58,64],[139,154]]\n');
    // equal logits: softmax 1/4, gradient (1/4 − onehot) / 2 = −0.375 at the label, 0.125 elsewhere
    expect(run.stdout).toContain('dLogits: [[-0.375,0.125,0.125,0.125],[0.125,0.125,0.125,-0.375]]\n');
    // columns [0, 1, 1, 0] of [10, 20] plus columns [0, 1, 2, 2] of [1, 2, 3]
    expect(run.stdout).toContain('sumGatheredColumns: [[11,22,23,13]]\n');
    expect(run.example.printed.length).toBeGreaterThan(0);
    expect(run.missing).toEqual([]);
  }, 120_000);
});
