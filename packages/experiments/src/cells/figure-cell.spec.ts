import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@ksub/tensor';
import { tinyCorpus, tinyModel } from '../fault-drill/tiny-inputs';
import { captureStdout, useTempDir } from '../testing/temp-dir';
import { cellArgsProblems } from './cell-kinds';
import { FigureArgsSchema, figureCell } from './figure-cell';

describe('the figure cell (Figs. 2 and 3)', () => {
  const dir = useTempDir('figure-cell');
  let model = '';
  let corpus = '';
  beforeAll(async () => {
    await initBackend({ log: null });
    [model, corpus] = await Promise.all([tinyModel(dir.path), tinyCorpus(dir.path)]);
  }, 60_000);
  const run = (args: unknown, outputs: string[]) =>
    captureStdout(() =>
      figureCell.run(FigureArgsSchema.parse(args), { preset: 'test', outputs, resume: true, source: 'spec' }),
    );

  it('Fig. 2: PCA of each model present, and says which models are missing', async () => {
    const outputs = ['fig2-pca.svg', 'fig2-pca.csv', 'fig2-projection.svg'].map((f) => join(dir.path, f));
    const models = { full: model, lost: join(dir.path, 'no-such-run', 'model') };
    const { result, stdout } = await run(
      { figure: 'fig2', components: 4, projectTokens: 50, models },
      outputs,
    );
    expect(result).toBe(false); // one model has no run directory and no earlier rows
    expect(stdout).toContain('figure: lost have no run directory and no earlier rows');
    const csv = readFileSync(outputs[1] ?? '', 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('model,component,ratio');
    // the explained-variance ratios of a 32-wide matrix: 32 components, summing to 1
    const ratios = csv.slice(1).map((l) => Number(l.split(',')[2]));
    expect(ratios).toHaveLength(32);
    expect(ratios.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(readFileSync(outputs[0] ?? '', 'utf8')).toContain('1 of 2 models');
    expect(readFileSync(outputs[2] ?? '', 'utf8')).toContain('50 tokens');
  }, 60_000);

  it('Fig. 3: inter- and intra-similarity of every layer on validation text', async () => {
    const outputs = ['fig3-similarity.svg', 'fig3-similarity.csv'].map((f) => join(dir.path, f));
    const args = { figure: 'fig3', corpus, sequences: 2, batchSize: 2, models: { full: model } };
    const { result } = await run(args, outputs);
    expect(result).toBe(true);
    const csv = readFileSync(outputs[1] ?? '', 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('model,layer,inter,intra');
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 2).join())).toEqual(['full,0', 'full,1', 'full,2']); // embeddings + 2 layers
  }, 60_000);

  it('takes fig2 or fig3 args, each strictly', () => {
    const fig2 = { figure: 'fig2', components: 4, projectTokens: 5, models: {} };
    expect(cellArgsProblems('figure', fig2)).toEqual([]);
    expect(cellArgsProblems('figure', { ...fig2, corpus: 'c' })).toEqual([
      'figure args: unknown key "corpus"',
    ]);
  });
});
