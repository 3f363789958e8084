import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { taskFromSpec, UciSentimentTask } from '@ksub/evaluation';
import { initBackend } from '@ksub/tensor';
import { MaskedLanguageModel, presetConfig } from '@ksub/transformer';
import { saveMaskedLm } from '@ksub/transformer/node';
import { collateSequences } from './encode-examples';
import { finetune } from './finetune';
import { appendResults, RESULT_COLUMNS } from './results-csv';

let dir: string;
let modelDir: string;

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
  dir = mkdtempSync(join(tmpdir(), 'ksub-finetune-'));
  modelDir = join(dir, 'tiny');
  const model = MaskedLanguageModel.fromSpec(presetConfig('tiny'), { kind: 'full' }, 1);
  await saveMaskedLm(modelDir, model);
  model.dispose();
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('collateSequences', () => {
  it('pads to the longest with the pad id and masks the padding (hand-derived)', () => {
    const input = collateSequences([Int32Array.of(0, 5, 2), Int32Array.of(0, 2)], 1);
    expect(input).toMatchObject({ batchSize: 2, seqLength: 3 });
    expect(Array.from(input.inputIds)).toEqual([0, 5, 2, 0, 2, 1]);
    expect(Array.from(input.attentionMask)).toEqual([1, 1, 1, 1, 1, 0]);
  });
});

describe('appendResults', () => {
  it('writes the header once, appends rows, and refuses a file with another header', async () => {
    const path = join(dir, 'r.csv');
    const row = {
      task: 't',
      model: 'm',
      embedding: 'full',
      k: '' as const,
      rows: 9,
      lr: 1e-3,
      batch: 2,
      seed: 1,
      epoch: 1,
      metric: 'accuracy',
      value: 0.5,
      steps: 3,
      wallSeconds: 1.5,
      split: 'dev',
    };
    await appendResults(path, [row]);
    await appendResults(path, [{ ...row, epoch: 2 }]);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toEqual([
      RESULT_COLUMNS.join(','),
      't,m,full,,9,0.001,2,1,1,accuracy,0.5,3,1.5,dev',
      't,m,full,,9,0.001,2,1,2,accuracy,0.5,3,1.5,dev',
    ]);
    writeFileSync(join(dir, 'other.csv'), 'a,b\n1,2\n');
    await expect(appendResults(join(dir, 'other.csv'), [row])).rejects.toThrow(
      'must start with the header task,model',
    );
  });
});

describe('finetune', () => {
  it('fine-tunes a tiny model on the sentiment stand-in and writes one row per metric and epoch', async () => {
    const resultsCsv = join(dir, 'sentiment.csv');
    const result = await finetune({
      model: modelDir,
      modelLabel: 'tiny-full',
      task: new UciSentimentTask(),
      learningRates: [1e-3],
      batchSizes: [32],
      epochs: 2,
      maxTrainExamples: 256,
      resultsCsv,
      progress: false,
    });
    expect(result.rows.map((r) => [r.epoch, r.metric, r.steps])).toEqual([
      [1, 'accuracy', 8],
      [1, 'f1', 8],
      [2, 'accuracy', 16],
      [2, 'f1', 16],
    ]);
    for (const r of result.rows) {
      expect(r.value).toBeGreaterThanOrEqual(0);
      expect(r.value).toBeLessThanOrEqual(1);
      expect(r).toMatchObject({
        task: 'uci-sentiment',
        model: 'tiny-full',
        embedding: 'full',
        rows: 50265,
        lr: 1e-3,
        batch: 32,
      });
    }
    expect(result.best.metric).toBe('accuracy');
    expect(result.skipped.map((r) => r.reason)).toEqual(['empty text', 'empty text', 'empty text']); // UCI's empty rows
    expect(readFileSync(resultsCsv, 'utf8').trim().split('\n')).toHaveLength(5);
  }, 120_000);

  it('scores a sample of maxEvalExamples: with one example, accuracy is exactly 0 or 1', async () => {
    const result = await finetune({
      model: modelDir,
      task: new UciSentimentTask(),
      learningRates: [1e-3],
      batchSizes: [32],
      epochs: 1,
      maxTrainExamples: 32,
      maxEvalExamples: 1,
      resultsCsv: join(dir, 'one.csv'),
      progress: false,
    });
    const accuracy = result.rows.find((r) => r.metric === 'accuracy')?.value;
    expect([0, 1]).toContain(accuracy);
    await expect(
      finetune({
        model: modelDir,
        task: new UciSentimentTask(),
        learningRates: [1e-3],
        batchSizes: [32],
        maxEvalExamples: 0,
        resultsCsv: join(dir, 'bad.csv'),
        progress: false,
      }),
    ).rejects.toThrow(/finetune: maxEvalExamples .*got 0/);
  }, 120_000);

  it("runs end to end on a user's own TSV through a JSON spec (regression)", async () => {
    const rows = [
      'text\tscore',
      ...Array.from(
        { length: 24 },
        (_, i) => `${i % 2 === 0 ? 'good' : 'bad'} item number ${i}\t${i % 2 === 0 ? 4.5 : 1.0}`,
      ),
    ];
    writeFileSync(join(dir, 'own-train.tsv'), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'own-dev.tsv'), `${rows.slice(0, 9).join('\n')}\n`);
    const task = taskFromSpec(
      {
        name: 'own-score',
        files: { train: 'own-train.tsv', dev: 'own-dev.tsv' },
        text: 'text',
        label: 'score',
        labels: 'regression',
      },
      dir,
    );
    const result = await finetune({
      model: modelDir,
      task,
      learningRates: [1e-3],
      batchSizes: [8],
      epochs: 1,
      resultsCsv: join(dir, 'own.csv'),
      progress: false,
    });
    expect(result.rows.map((r) => r.metric)).toEqual(['pearson', 'spearman']);
    for (const r of result.rows) expect(Number.isFinite(r.value)).toBe(true);
  }, 120_000);
});
