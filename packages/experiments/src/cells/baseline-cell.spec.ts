import { join } from 'node:path';
import { predictionsPathFor, readPredictions, readResultRows } from '@ksub/training';
import { captureStdout, useTempDir } from '../testing/temp-dir';
import { BaselineArgsSchema, baselineCell } from './baseline-cell';
import { cellArgsProblems } from './cell-kinds';

describe('the baseline cell', () => {
  const dir = useTempDir('baseline-cell');

  it('scores the majority class and bag-of-words on the test split, with their predictions for pairing', async () => {
    const out = join(dir.path, 'baselines-uci-sentiment.csv');
    const args = BaselineArgsSchema.parse({ task: 'uci-sentiment', out });
    const context = { preset: 'test', outputs: [out], resume: true, source: 'spec' };
    const { result, stdout } = await captureStdout(() => baselineCell.run(args, context));
    expect(result).toBe(true);
    const rows = await readResultRows(out);
    const test = (model: string) =>
      rows.find((r) => r.model === model && r.split === 'test' && r.metric === 'accuracy')?.value;
    // the test split is stratified, 225 of 450 positive: the majority class scores exactly half
    expect(test('majority')).toBe(0.5);
    expect(test('bag-of-words')).toBeGreaterThan(0.7);
    const predictions = await readPredictions(predictionsPathFor(out));
    expect(predictions.map((p) => [p.model, p.gold.length])).toEqual([
      ['majority', 450],
      ['bag-of-words', 450],
    ]);
    const bow = predictions[1];
    const accuracy = (bow?.predictions ?? []).filter((y, i) => y === bow?.gold[i]).length / 450;
    expect(accuracy).toBeCloseTo(test('bag-of-words') ?? Number.NaN, 12);
    expect(stdout).toMatch(
      /^baseline uci-sentiment \(test\): majority accuracy 50\.0; bag-of-words accuracy [\d.]+ \(L2 /,
    );
  }, 120_000);

  it('names an unknown task', () => {
    expect(cellArgsProblems('baseline', { task: 'sst9', out: 'x.csv' })).toEqual([
      expect.stringMatching(/^task "sst9" is not one of .*uci-sentiment/),
    ]);
  });
});
