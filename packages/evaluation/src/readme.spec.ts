import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runReadmeExample } from '@ksub/core/testing';

describe('README example', () => {
  it('runs, and prints what the README says it prints', async () => {
    const run = await runReadmeExample(join(__dirname, '..'));
    if (run.status !== 0) throw new Error(`the example exited ${run.status ?? run.signal}:\n${run.stderr}`);
    // UciSentimentTask's documented splits: 3,000 sentences, 1,500 per class, 70/15/15 exactly
    // balanced; each of the 3 files ends in one empty row
    expect(run.stdout).toContain(
      '  train 2100 (1050 positive), dev 450 (225), test 450 (225); rows skipped 3\n',
    );
    // smsSpamTask's documented splits: 1,324 messages, 322 spam, 70/15/15 stratified
    expect(run.stdout).toContain('  train 928 (226 spam), dev 198 (48), test 198 (48); rows skipped 0\n');
    // hand-derived: always ham gets the 198 − 48 = 150 ham messages right (150/198 = 0.758) and no
    // spam, so F1 of spam is 0
    expect(run.stdout).toContain('  majority class (ham): f1 0.000, accuracy 0.758\n');
    expect(run.example.printed.length).toBeGreaterThan(0);
    expect(run.missing).toEqual([]);
  }, 120_000);
});
