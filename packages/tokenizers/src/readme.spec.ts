import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runReadmeExample } from '@ksub/core/testing';

describe('README example', () => {
  it('runs, and prints what the README says it prints', async () => {
    const run = await runReadmeExample(join(__dirname, '..'));
    if (run.status !== 0) throw new Error(`the example exited ${run.status ?? run.signal}:\n${run.stderr}`);
    // GPT-2's 50,257 ids + <s> <pad> </s> <unk> + 3 fillers + <mask> = 50,265, RoBERTa's |V|
    expect(run.stdout).toContain('vocabSize: 50265 (ROBERTA_VOCAB_SIZE 50265)\n');
    // the reference encoder: js-tiktoken's r50k ids of the sentence, plus RoBERTa's offset of 4
    const r50k = (await import('js-tiktoken')).getEncoding('r50k_base');
    const reference = r50k.encode('All human beings are born free and equal in dignity and rights.');
    expect(run.stdout).toContain(`ids: 0 ${reference.map((id) => id + 4).join(' ')} 2\n`);
    // RoBERTa's pair layout <s> A </s></s> B </s>, and no special id from text that spells one
    expect(run.stdout).toContain('pair: <s> Is Ġit Ġraining ? </s> </s> It Ġis . </s>\n');
    expect(run.stdout).toContain('"<mask>" in text gives a special id: false\n');
    expect(run.example.printed.length).toBeGreaterThan(0);
    expect(run.missing).toEqual([]);
  }, 120_000);
});
