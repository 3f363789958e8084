import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runReadmeExample } from '@ksub/core/testing';

/** The number after `label` in the example's output. */
function printed(stdout: string, label: string): number {
  const match = new RegExp(`^${label} (\\d+\\.\\d+)`, 'm').exec(stdout);
  if (match === null) throw new Error(`no line "${label} …" in:\n${stdout}`);
  return Number(match[1]);
}

describe('README example', () => {
  it('runs, and prints what the README says it prints', async () => {
    const run = await runReadmeExample(join(__dirname, '..'));
    if (run.status !== 0) throw new Error(`the example exited ${run.status ?? run.signal}:\n${run.stderr}`);
    // property: a checkpoint of another config hash is refused before anything is assigned
    expect(run.stdout).toContain('another config: FormatError\n');
    // property: weights and AdamW moments come back exactly, so the validation loss is bit-for-bit the same
    expect(run.stdout).toContain('resumed at step 100 (AdamW step 100): same loss true\n');
    // hand-derived: linear decay reaches 0 at the last update (peak · (total − u) / (total − warmup))
    expect(run.stdout).toContain('step 100: loss 0.6471, lr 0.00000\n');
    // property: trained on context, the model ends below the context-free unigram baseline it started above
    const unigram = printed(run.stdout, 'unigram baseline: loss');
    expect(printed(run.stdout, 'before: loss')).toBeGreaterThan(unigram);
    expect(printed(run.stdout, 'after: loss')).toBeLessThan(unigram);
    expect(run.example.printed.length).toBeGreaterThan(0);
    expect(run.missing).toEqual([]);
  }, 180_000);
});
