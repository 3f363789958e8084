import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PretrainConfigSchema, readPositionsCsv } from '@ksub/training';
import { tinyConfig, tinyCorpus } from '../fault-drill/tiny-inputs';
import { captureStdout, useTempDir } from '../testing/temp-dir';
import { mlmPositionsCell, MlmPositionsArgsSchema } from './mlm-positions-cell';
import { pretrainCell } from './pretrain-cell';

describe('the mlm-positions cell', () => {
  const dir = useTempDir('mlm-positions-cell');

  it("scores the run's own validation positions: their mean is the run's last validation loss", async () => {
    const corpus = await tinyCorpus(dir.path);
    const outDir = join(dir.path, 'run');
    const pretrain = PretrainConfigSchema.parse(tinyConfig(corpus, outDir, 4));
    await captureStdout(() =>
      pretrainCell.run(pretrain, { preset: 'test', outputs: [outDir], resume: true, source: 'spec' }),
    );
    const out = join(dir.path, 'mlm', 'full.positions.csv');
    const args = MlmPositionsArgsSchema.parse({ model: join(outDir, 'model'), pretrain, out });
    const { result, stdout } = await captureStdout(() =>
      mlmPositionsCell.run(args, { preset: 'test', outputs: [out], resume: true, source: 'spec' }),
    );
    expect(result).toBe(true);
    const positions = await readPositionsCsv(out);
    const lines = readFileSync(join(outDir, 'metrics.jsonl'), 'utf8').trim().split('\n');
    const validation = lines
      .map((l) => JSON.parse(l) as { type?: string; loss?: number; positions?: number })
      .filter((r) => r.type === 'validation')
      .at(-1);
    expect(positions.loss.length).toBe(validation?.positions);
    const mean = positions.loss.reduce((a, b) => a + b, 0) / positions.loss.length;
    // the CSV keeps 6 significant digits
    expect(Math.abs(mean - (validation?.loss ?? Number.NaN))).toBeLessThan(1e-4);
    expect(stdout).toMatch(
      new RegExp(`^mlm-positions .*: ${positions.loss.length} masked positions, mean loss`),
    );
  }, 120_000);
});
