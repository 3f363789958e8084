import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fault-drill/drill-case';
import { useTempDir } from '../testing/temp-dir';

describe('the tokenizer-fertility CLI', () => {
  const dir = useTempDir('fertility-cli');

  it('counts tokens per word of a tokenizer on the UDHR in 15 languages', () => {
    const r = runCli('packages/experiments/src/cli/tokenizer-fertility.ts', [
      '--out',
      dir.path,
      '--tokenizers',
      'roberta-gpt2',
    ]);
    expect(r.status).toBe(0);
    const md = readFileSync(join(dir.path, 'tokenizer-fertility.md'), 'utf8');
    expect(md).toMatch(/^# Tokenizer fertility on the UDHR in the 15 XNLI languages\n/);
    expect(md).toMatch(/\nTokenizers: `roberta-gpt2@[0-9a-f]+:roberta:50257:50265:50256`\.\n/);
    // English: 2,877 tokens for 2,506 words, 1.15 per word; × en is 1 by definition
    expect(md).toContain('| en | 2,506 | 15,219 | 2,877 | 1.15 | 0.189 | 1.00 |');
    expect(r.stdout).toContain(`wrote ${join(dir.path, 'tokenizer-fertility.md')}`);
  }, 60_000);
});
