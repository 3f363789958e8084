import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest } from '@ksub/corpus';
import { captureStdout, useTempDir } from '../testing/temp-dir';
import type { CellContext } from './cell-kind';
import { cellArgsProblems } from './cell-kinds';
import { corpusCell } from './corpus-cell';

describe('the corpus cell', () => {
  const dir = useTempDir('corpus-cell');
  const context = (out: string): CellContext => ({
    preset: 'test',
    outputs: [out],
    resume: true,
    source: 'spec',
  });

  it('packs a registered corpus, and leaves one packed alike as it is', async () => {
    const out = join(dir.path, 'udhr');
    const args = corpusCell.schema.parse({ corpus: 'udhr', tokenizer: 'roberta-gpt2', maxLength: 64, out });
    expect(await corpusCell.run(args, context(out))).toBe(true);
    const manifest = await readManifest(out);
    expect(manifest.maxLength).toBe(64);
    expect(manifest.tokenizer.id).toMatch(/roberta/);
    const again = await captureStdout(() => corpusCell.run(args, context(out)));
    expect(again).toEqual({
      result: true,
      stdout: `corpus: ${out} is already packed with roberta-gpt2 at 64 tokens\n`,
    });
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  }, 60_000);

  it('checks the corpus and tokenizer are registered', () => {
    const args = { corpus: 'udhr', tokenizer: 'roberta-gpt2', maxLength: 64, out: 'x' };
    expect(cellArgsProblems('corpus', args)).toEqual([]);
    expect(cellArgsProblems('corpus', { ...args, corpus: 'wiki', tokenizer: 'bert' })).toEqual([
      expect.stringMatching(/^corpus "wiki" is not one of .*udhr/),
      expect.stringMatching(/^tokenizer "bert" is not one of .*roberta-gpt2/),
    ]);
  });
});
