import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runReadmeExample } from '@ksub/core/testing';

describe('README example', () => {
  it('runs, and prints what the README says it prints', async () => {
    const run = await runReadmeExample(join(__dirname, '..'));
    if (run.status !== 0) throw new Error(`the example exited ${run.status ?? run.signal}:\n${run.stderr}`);
    expect(run.stdout).toContain('equalSizeKmeans: cluster sizes 50…50\n');
    expect(run.stdout).toMatch(/^naive: rows 16, 16, \d+; collisions 0;/m);
    expect(run.stdout).toMatch(/^equal: rows 16, 16, 16; collisions 0;/m);
    expect(run.example.printed.length).toBeGreaterThan(0);
    expect(run.missing).toEqual([]);
  }, 120_000);
});
