import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LIBREOFFICE_HELP_ROOT } from '@ksub/datasets';
import { LibreOfficeModuleTask } from '@ksub/evaluation';
import {
  evaluationSample,
  examplesFingerprint,
  predictionsPathFor,
  readPredictions,
  readResultRows,
} from '@ksub/training';
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

  it('names an unknown task, and takes exactly one of task and protocol', () => {
    expect(cellArgsProblems('baseline', { task: 'sst9', out: 'x.csv' })).toEqual([
      expect.stringMatching(/^task "sst9" is not one of .*uci-sentiment/),
    ]);
    const protocol = { suite: 'libreoffice', name: 'cross-lingual' };
    expect(cellArgsProblems('baseline', { protocol, maxEval: 64, out: 'x.csv' })).toEqual([]);
    expect(cellArgsProblems('baseline', { task: 'sms-spam', protocol, out: 'x.csv' })).toEqual([
      'baseline args: (root): exactly one of task, protocol must be given; got ["task", "protocol"]',
    ]);
    expect(cellArgsProblems('baseline', { task: 'sms-spam', maxTrain: 10, out: 'x.csv' })).toEqual([
      'baseline args: maxTrain: applies only with protocol; got 10',
    ]);
  });

  const help = ['en-US', 'de'].every((d) => existsSync(join(LIBREOFFICE_HELP_ROOT, d, 'text')));
  (help ? it : it.skip)(
    'a protocol: the majority class of the training sample on the held-out sample of every language [Debian corpora]',
    async () => {
      const out = join(dir.path, 'ml-baselines-cross-lingual.csv');
      const args = BaselineArgsSchema.parse({
        protocol: { suite: 'libreoffice', name: 'cross-lingual', languages: ['en', 'de'] },
        maxTrain: 500,
        maxEval: 50,
        out,
      });
      const context = { preset: 'test', outputs: [out], resume: true, source: 'spec' };
      const { result, stdout } = await captureStdout(() => baselineCell.run(args, context));
      expect(result).toBe(true);
      const rows = await readResultRows(out);
      // the selection split (English dev), then each language's test split
      expect(rows.map((r) => `${r.model} ${r.task} ${r.split} ${r.lr} ${r.seed}`)).toEqual([
        'majority libreoffice-module-en dev 0 0',
        'majority libreoffice-module-en test 0 0',
        'majority libreoffice-module-de test 0 0',
      ]);
      const predictions = await readPredictions(predictionsPathFor(out));
      // the examples a fine-tuning run with maxEval 50 scores, so that they pair
      const test = await new LibreOfficeModuleTask('de').load('test');
      const sample = evaluationSample(test.examples, 50);
      const de = predictions.find((p) => p.task === 'libreoffice-module-de');
      expect(de?.examples).toBe(examplesFingerprint(sample));
      // one class everywhere; the accuracy is that class's share of the sample
      const majority = de?.predictions[0];
      expect(new Set(de?.predictions)).toEqual(new Set([majority]));
      const share = sample.filter((e) => e.label === majority).length / 50;
      expect(rows[2]?.value).toBeCloseTo(share, 12);
      expect(stdout).toMatch(
        /^baseline libreoffice cross-lingual \(test\): majority class shared \(of libreoffice-module-en's training examples\): libreoffice-module-en [\d.]+, libreoffice-module-de [\d.]+\n$/,
      );
    },
    120_000,
  );
});
