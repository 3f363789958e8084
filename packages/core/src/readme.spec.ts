import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runReadmeExample } from './testing';

describe('README example', () => {
  it('runs, and prints what the README says it prints', async () => {
    const run = await runReadmeExample(join(__dirname, '..'));
    if (run.status !== 0) throw new Error(`the example exited ${run.status ?? run.signal}:\n${run.stderr}`);
    // RoBERTa, N = 50,265, d = 512, 8 layers: 25,735,680 (N·d) + 263,168 (514·d) + 512 + 1,024
    // + 8 · 3,152,384 (layers) + 313,945 (MLM head) = 51,533,401; a k-sub table of 37 rows × 512
    // instead of N·d: 51,533,401 − 25,735,680 + 18,944 = 25,816,665.
    expect(run.stdout).toContain('encoder parameters: 51533401\n');
    expect(run.stdout).toContain('with a k-sub embedding: 25816665\n');
    // token 1's code in table 0 is 2, and that table has rows 0 and 1
    expect(run.stdout).toContain(
      'RangeError: validateAllocation: allocation.codes for token 1, table 0 must be in [0, 2); got 2\n',
    );
    expect(run.example.printed.length).toBeGreaterThan(0);
    expect(run.missing).toEqual([]);
  }, 120_000);
});
