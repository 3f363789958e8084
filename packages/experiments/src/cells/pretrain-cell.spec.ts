import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PretrainConfigSchema } from '@ksub/training';
import { tinyConfig, tinyCorpus } from '../fault-drill/tiny-inputs';
import { captureStdout, useTempDir } from '../testing/temp-dir';
import { cellArgsProblems } from './cell-kinds';
import { pretrainCell } from './pretrain-cell';

describe('the pretrain cell', () => {
  const dir = useTempDir('pretrain-cell');

  it('pretrains, copies the metrics to the committed output, and resumes only when told', async () => {
    const corpus = await tinyCorpus(dir.path);
    const outDir = join(dir.path, 'run');
    const metrics = join(dir.path, 'results', 'pretrain', 'full.metrics.jsonl');
    const args = PretrainConfigSchema.parse(tinyConfig(corpus, outDir, 4));
    const context = { preset: 'test', outputs: [outDir, metrics], resume: true, source: 'spec' };
    const { result, stdout } = await captureStdout(() => pretrainCell.run(args, context));
    expect(result).toBe(true);
    expect(stdout).toMatch(
      /^pretrain: 4 steps in .*run \(backend \w+, 1,681,209 parameters, .*; validation loss \d/,
    );
    // 4 steps: training records at 2 and 4 (logEvery 2), validation at 4 (evalEvery 4)
    expect(readFileSync(metrics, 'utf8').trim().split('\n')).toHaveLength(3);
    await expect(pretrainCell.run(args, { ...context, resume: false })).rejects.toThrow(
      /already has checkpoints \(newest: step 4\); pass resume/,
    );
    expect((await captureStdout(() => pretrainCell.run(args, context))).result).toBe(true);
  }, 120_000);

  it('checks the tokenizer and the rules across fields', () => {
    expect(
      cellArgsProblems('pretrain', { ...tinyConfig('c', 'o', 4), warmupSteps: 5, tokenizer: 'bert' }),
    ).toEqual([
      expect.stringMatching(/^tokenizer "bert" is not one of .*roberta-gpt2/),
      expect.stringMatching(/^PretrainConfig: warmupSteps must be .*; got 5/),
    ]);
  });
});
