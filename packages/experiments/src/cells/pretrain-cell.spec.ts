import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PretrainConfigSchema } from '@ksub/training';
import { WEIGHTS_FILE } from '@ksub/transformer';
import { loadMaskedLm } from '@ksub/transformer/node';
import { tinyConfig, tinyCorpus } from '../fault-drill/tiny-inputs';
import { captureStdout, useTempDir } from '../testing/temp-dir';
import { cellArgsProblems } from './cell-kinds';
import { verifyKeptModel } from './keep-model';
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
    // a re-run of the finished run trains nothing, and says so rather than printing 0 tokens/s
    const again = await captureStdout(() => pretrainCell.run(args, context));
    expect(again.result).toBe(true);
    expect(again.stdout).toMatch(/^pretrain: 4 steps in .*finished already: nothing trained/);
    expect(again.stdout).not.toMatch(/tokens\/s/);
  }, 120_000);

  it('keeps the final model in float16 with checksums when the outputs name a models/ directory', async () => {
    // a directory of its own: the first test's corpus is there already
    const own = join(dir.path, 'kept');
    mkdirSync(own);
    const corpus = await tinyCorpus(own);
    const outDir = join(own, 'run');
    const kept = join(own, 'results', 'models', 'full');
    const args = PretrainConfigSchema.parse(tinyConfig(corpus, outDir, 2));
    const context = { preset: 'test', outputs: [outDir, kept], resume: true, source: 'spec' };
    const { stdout } = await captureStdout(() => pretrainCell.run(args, context));
    expect(stdout).toMatch(/pretrain: kept the model in .*models\/full \(float16, [\d.]+ MiB\)/);
    await verifyKeptModel(kept);
    // half the weight bytes of the run's float32 model, the same values to float16 precision
    const run = join(outDir, 'model');
    expect(statSync(join(kept, WEIGHTS_FILE)).size * 2).toBe(statSync(join(run, WEIGHTS_FILE)).size);
    const [a, b] = [await loadMaskedLm(run), await loadMaskedLm(kept)];
    const values = (m: typeof a) =>
      Float32Array.from(m.params.all().flatMap((p) => Array.from(p.variable.dataSync())));
    const [x, y] = [values(a), values(b)];
    let outside = 0;
    for (let i = 0; i < x.length; i++)
      if (Math.abs((y[i] as number) - (x[i] as number)) > Math.abs(x[i] as number) * 2 ** -11 + 2 ** -24)
        outside++;
    expect(x.length).toBe(y.length);
    expect(outside).toBe(0);
    a.dispose();
    b.dispose();
    // a changed byte is found, naming the file
    const bin = join(kept, WEIGHTS_FILE);
    const bytes = readFileSync(bin);
    bytes[0] = (bytes[0] as number) ^ 1;
    writeFileSync(bin, bytes);
    await expect(verifyKeptModel(kept)).rejects.toThrow(`${bin}: checksum differs from SHA256SUMS`);
    rmSync(bin);
    await expect(verifyKeptModel(kept)).rejects.toThrow(`${bin}: listed in SHA256SUMS but missing`);
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
