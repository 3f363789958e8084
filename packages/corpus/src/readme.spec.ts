import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runReadmeExample } from '@ksub/core/testing';

describe('README example', () => {
  it('runs, and prints what the README says it prints', async () => {
    const run = await runReadmeExample(join(__dirname, '..'));
    if (run.status !== 0) throw new Error(`the example exited ${run.status ?? run.signal}:\n${run.stderr}`);
    // the example takes 20 documents, and the manifest's counts add up (read = train + validation + empty)
    const counts = /^documents: 20 read = (\d+) train \+ (\d+) validation \+ (\d+) empty$/m.exec(run.stdout);
    expect(counts?.slice(1).reduce((sum, n) => sum + Number(n), 0)).toBe(20);
    // the first address (1790) opens so (english-offline.spec.ts); it is long enough to fill 128 ids
    expect(run.stdout).toContain(
      'train sequence 0: 128 ids, <s>Fellow-Citizens of the Senate and House of Representatives:\n',
    );
    // hand-derived: a full row has 126 non-special tokens, so ⌊0.15 · 126 + u⌋ is 18 or 19
    expect(run.stdout).toMatch(/^batch: 4 × 128; selected per row (1[89], ){3}1[89]$/m);
    expect(run.example.printed.length).toBeGreaterThan(0);
    expect(run.missing).toEqual([]);
  }, 120_000);
});
