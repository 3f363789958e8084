import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { type TaskSpecJson, taskFromSpec } from '@ksub/evaluation';
import { initBackend } from '@ksub/tensor';
import { type ForwardOptions, SequenceClassifier } from '@ksub/transformer';
import { saveTinyModel } from '../testing/tiny-model';
import { finetune } from './finetune';
import type { FinetuneConfig } from './finetune-config';

// Golden values: the training losses of these exact setups, recorded on the fine-tuning loop as it
// was before it reused trainStep (issue #16, at commit 4cf25c6), on the wasm backend. The loop's
// arithmetic did not change, so they must match to float32 round-off: 1e-6 absolute on losses
// of order 1 is a few ulps.
const TOLERANCE = 1e-6;
const CASES: readonly {
  name: string;
  labels: TaskSpecJson['labels'];
  label: string;
  grid: Pick<FinetuneConfig, 'learningRates' | 'batchSizes' | 'seeds' | 'epochs' | 'warmupRatio'>;
  golden: readonly number[];
}[] = [
  {
    name: 'classification: 2 epochs of 3 updates (batch 4, lr 1e-3, warmup, clip 1, dropout on)',
    labels: ['neg', 'pos'],
    label: 'label',
    grid: { learningRates: [1e-3], batchSizes: [4], seeds: [2], epochs: 2, warmupRatio: 0.2 },
    golden: [
      0.6927384734153748, 0.6909315586090088, 0.7007373571395874, 0.6926313638687134, 0.6940283179283142,
      0.6943114995956421,
    ],
  },
  {
    name: 'regression: 1 epoch of 2 updates (batch 8, mean squared error)',
    labels: 'regression',
    label: 'score',
    grid: { learningRates: [2e-3], batchSizes: [8], epochs: 1 },
    golden: [2.9663753509521484, 2.6834568977355957],
  },
];

let dir: string;
let modelDir: string;
const losses: number[] = [];

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
  dir = mkdtempSync(join(tmpdir(), 'ksub-finetune-losses-'));
  modelDir = await saveTinyModel(join(dir, 'tiny'));
  const rows = Array.from(
    { length: 12 },
    (_, i) => `${i % 2 === 0 ? 'good' : 'bad'} thing ${i}\t${i % 2 === 0 ? 'pos' : 'neg'}\t${i % 3}.5`,
  );
  writeFileSync(join(dir, 'train.tsv'), `text\tlabel\tscore\n${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'dev.tsv'), `text\tlabel\tscore\n${rows.slice(0, 4).join('\n')}\n`);
  // every training loss finetune computes, read off the real SequenceClassifier.loss
  const original = SequenceClassifier.prototype.loss;
  jest.spyOn(SequenceClassifier.prototype, 'loss').mockImplementation(function (
    this: SequenceClassifier,
    input,
    labels,
    options: ForwardOptions = {},
  ): tf.Scalar {
    const loss = original.call(this, input, labels, options);
    if (options.training === true) losses.push(loss.dataSync()[0] as number);
    return loss;
  });
}, 60_000);

afterAll(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('finetune losses (pinned)', () => {
  it.each(CASES)(
    '$name',
    async ({ labels, label, grid, golden }) => {
      losses.length = 0;
      const files = { train: 'train.tsv', dev: 'dev.tsv' };
      const task = taskFromSpec({ name: 'pinned', files, text: 'text', label, labels }, dir);
      await finetune({
        model: modelDir,
        task,
        ...grid,
        resultsCsv: join(dir, `${label}.csv`),
        progress: false,
      });
      expect(losses).toHaveLength(golden.length);
      losses.forEach((loss, i) =>
        expect(Math.abs(loss - (golden[i] as number))).toBeLessThanOrEqual(TOLERANCE),
      );
    },
    120_000,
  );
});
