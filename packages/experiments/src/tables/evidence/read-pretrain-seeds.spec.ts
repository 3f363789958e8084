import { join } from 'node:path';
import { appendResults } from '@ksub/training';
import { heldOutRuns, mlmPositions, writeHeldOutRuns, writeMlmPositions } from '../../testing/held-out-runs';
import { resultRow } from '@ksub/training/testing';
import { useTempDir } from '../../testing/temp-dir';
import { readPretrainSeeds } from './read-pretrain-seeds';

describe('reading the pretraining-seed study of a table', () => {
  const dir = useTempDir('read-pretrain-seeds');
  const at = (name: string) => join(dir.path, name);
  const tasks = [{ name: 'uci-sentiment', metric: 'accuracy' as const }];
  /** The table's own (seed-1) rows of full and radix-k3, and their MLM positions. */
  const seedOne = () => {
    const full = heldOutRuns('full', [0.7, 0.8]);
    const radix = heldOutRuns('radix-k3', [0.6]);
    return {
      rows: [...full.rows, ...radix.rows],
      predictions: [...full.predictions, ...radix.predictions],
      mlm: new Map([
        ['full', mlmPositions([5, 6])],
        ['radix-k3', undefined],
      ]),
    };
  };
  const entry = (v: string, seed: number) => ({
    seed,
    model: `${v}-s${seed}`,
    finetune: [at(`${v}-s${seed}-uci-sentiment.csv`)],
    mlm: at(`${v}-s${seed}.positions.csv`),
  });

  it('takes seed 1 from the table and the other seeds from their finished files; the rest stay unmeasured', async () => {
    await writeHeldOutRuns(at('full-s2-uci-sentiment.csv'), 'full-s2', [0.75, 0.85]);
    await writeMlmPositions(at('full-s2.positions.csv'), [4, 6]);
    // radix-k3's seed 2: a fine-tuning still running (rows, no marker) and no MLM file
    await appendResults(at('radix-k3-s2-uci-sentiment.csv'), [
      resultRow({ model: 'radix-k3-s2', lr: 1e-3, batch: 16, split: 'dev', value: 0.8 }),
    ]);
    const read = await readPretrainSeeds(
      ['full', 'radix-k3', 'radix-k4'],
      { full: [entry('full', 2)], 'radix-k3': [entry('radix-k3', 2)] },
      seedOne(),
      tasks,
    );
    // radix-k4 has no seeds: not part of the study
    expect(read.map((v) => v.id)).toEqual(['full', 'radix-k3']);
    const [full, radix] = read;
    expect(full?.seeds.map((s) => [s.seed, s.test.get('uci-sentiment'), s.mlmLoss])).toEqual([
      [1, [0.7, 0.8], 5.5],
      [2, [0.75, 0.85], 5],
    ]);
    expect(radix?.seeds.map((s) => [s.seed, s.test.get('uci-sentiment'), s.mlmLoss])).toEqual([
      [1, [0.6], undefined],
      [2, undefined, undefined],
    ]);
  });

  it("refuses a seed's MLM positions that are not the seed-1 model's (another validation set or masks)", async () => {
    await writeMlmPositions(at('full-s3.positions.csv'), [4, 6], 200);
    await expect(readPretrainSeeds(['full'], { full: [entry('full', 3)] }, seedOne(), tasks)).rejects.toThrow(
      /^pairPositions: a and .*full-s3\.positions\.csv differ at row 0 \(line 2\): \(sequence 0, position 1, token 100\) vs \(sequence 0, position 1, token 200\)/,
    );
  });
});
