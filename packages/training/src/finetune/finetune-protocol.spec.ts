import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Example, Task } from '@ksub/evaluation';
import { initBackend } from '@ksub/tensor';
import { MaskedLanguageModel, presetConfig } from '@ksub/transformer';
import { loadMaskedLm, saveMaskedLm } from '@ksub/transformer/node';
import { finetune } from './finetune';
import { runClassifier } from './train-run';
import { appendPredictions, examplesFingerprint, readPredictions } from './predictions-file';
import { appendResults, readResultRows, type ResultRow } from './results-csv';

/** Synthetic, learnable: "good …" is positive, "bad …" negative; disjoint texts per split. */
function synthetic(split: string, n: number): Example[] {
  return Array.from({ length: n }, (_, i) => ({
    text: `${i % 2 === 0 ? 'good' : 'bad'} ${split} item ${i}`,
    label: i % 2 === 0 ? 1 : 0,
  }));
}

const task: Task = {
  name: 'toy',
  kind: 'classification',
  labels: ['negative', 'positive'],
  pair: false,
  metrics: ['accuracy', 'f1'],
  splits: ['train', 'dev', 'test'],
  description: 'synthetic polarity words (unit tests only)',
  load: async (split) => ({ examples: synthetic(split, split === 'train' ? 48 : 12), skipped: [] }),
};

let dir: string;
let modelDir: string;

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
  dir = mkdtempSync(join(tmpdir(), 'ksub-protocol-'));
  modelDir = join(dir, 'tiny');
  const model = MaskedLanguageModel.fromSpec(presetConfig('tiny'), { kind: 'full' }, 1);
  await saveMaskedLm(modelDir, model, { tokenizer: 'roberta-gpt2' });
  model.dispose();
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The least a grid needs, for argument checks that fail before anything runs. */
const base = () => ({
  model: modelDir,
  task,
  learningRates: [1e-3],
  batchSizes: [16],
  resultsCsv: join(dir, 'x.csv'),
});

describe('finetune with a held-out test split', () => {
  it('searches lr on the first seed, runs the other seeds at the choice, and scores test at each best dev epoch', async () => {
    const resultsCsv = join(dir, 'toy.csv');
    const result = await finetune({
      model: modelDir,
      modelLabel: 'tiny',
      task,
      learningRates: [1e-4, 3e-3],
      batchSizes: [16],
      seeds: [1, 2, 3],
      searchSeeds: 1,
      epochs: 4,
      patience: 1,
      testSplit: 'test',
      resultsCsv,
      progress: false,
    });
    const { selection } = result;
    // two search runs (seed 1) + two more seeds at the chosen lr
    expect(selection.selectionSeeds).toEqual([1]);
    expect(selection.runs.map((r) => r.seed)).toEqual([1, 2, 3]);
    expect(selection.atEdge).toEqual(['lr']); // a two-value grid always chooses an edge
    const rows = await readResultRows(resultsCsv);
    expect(rows).toEqual(result.rows);
    const runs = new Set(rows.map((r) => `${r.lr}|${r.seed}`));
    expect([...runs].sort()).toEqual(
      [`0.0001|1`, `0.003|1`, `${selection.lr}|2`, `${selection.lr}|3`].sort(),
    );
    // each run: dev rows per epoch until patience ran out, then test rows at its best dev epoch
    for (const run of runs) {
      const own = rows.filter((r) => `${r.lr}|${r.seed}` === run);
      const dev = own.filter((r) => r.split === 'dev' && r.metric === 'accuracy');
      const test = own.filter((r) => r.split === 'test');
      expect(test.map((r) => r.metric)).toEqual(['accuracy', 'f1']);
      const best = dev.reduce((a, b) => (b.value > a.value ? b : a));
      expect(test[0]?.epoch).toBe(best.epoch);
      // stopped exactly when the best was `patience` epochs old, or at the maximum
      const last = dev.at(-1)?.epoch ?? 0;
      expect(last === 4 || last === best.epoch + 1).toBe(true);
    }
    // predictions: one record per run, paired by the examples' fingerprint, consistent with the rows
    const all = await readPredictions(join(dir, 'toy.predictions.jsonl'));
    // per run: the dev split's predictions at the best epoch, then the test split's
    expect(all.map((p) => p.split)).toEqual(['dev', 'test', 'dev', 'test', 'dev', 'test', 'dev', 'test']);
    for (const p of all.filter((q) => q.split === 'dev')) {
      const accuracy = p.predictions.filter((y, i) => y === p.gold[i]).length / p.gold.length;
      const row = rows.find(
        (r) =>
          r.split === 'dev' &&
          r.metric === 'accuracy' &&
          r.lr === p.lr &&
          r.seed === p.seed &&
          r.epoch === p.epoch,
      );
      expect(row?.value).toBeCloseTo(accuracy, 12);
    }
    const predictions = all.filter((p) => p.split === 'test');
    expect(predictions).toHaveLength(4);
    const fingerprint = examplesFingerprint((await task.load('test')).examples);
    for (const p of predictions) {
      expect(p.examples).toBe(fingerprint);
      expect(p.gold).toEqual(synthetic('test', 12).map((e) => e.label));
      const accuracy = p.predictions.filter((y, i) => y === p.gold[i]).length / p.gold.length;
      const row = rows.find(
        (r) => r.split === 'test' && r.metric === 'accuracy' && r.lr === p.lr && r.seed === p.seed,
      );
      expect(row?.value).toBeCloseTo(accuracy, 12);
      expect(row?.epoch).toBe(p.epoch);
    }
  }, 240_000);

  it('scores several held-out evaluations at each best dev epoch: rows and predictions per evaluation', async () => {
    // two "languages" of the toy task, each its own held-out set; dev (toy) selects
    const other = (name: string, n: number): Task => ({
      ...task,
      name,
      load: async (split) => ({ examples: synthetic(`${name} ${split}`, n), skipped: [] }),
    });
    const resultsCsv = join(dir, 'tests.csv');
    const result = await finetune({
      model: modelDir,
      modelLabel: 'tiny',
      task,
      evaluations: [{ name: 'toy', task, split: 'dev' }],
      tests: [
        { name: 'toy-a', task: other('toy-a', 8), split: 'test' },
        { name: 'toy-b', task: other('toy-b', 6), split: 'test' },
      ],
      learningRates: [1e-3],
      batchSizes: [16],
      seeds: [1, 2],
      epochs: 3,
      patience: 1,
      resultsCsv,
      progress: false,
    });
    const rows = await readResultRows(resultsCsv);
    expect(rows).toEqual(result.rows);
    for (const seed of [1, 2]) {
      const dev = rows.filter((r) => r.seed === seed && r.split === 'dev' && r.metric === 'accuracy');
      const best = dev.reduce((a, b) => (b.value > a.value ? b : a));
      const held = rows.filter((r) => r.seed === seed && r.split === 'test');
      // each held-out evaluation's metrics, once, at the best dev epoch
      expect(held.map((r) => `${r.task} ${r.metric} ${r.epoch}`)).toEqual(
        ['toy-a accuracy', 'toy-a f1', 'toy-b accuracy', 'toy-b f1'].map((x) => `${x} ${best.epoch}`),
      );
    }
    const predictions = await readPredictions(join(dir, 'tests.predictions.jsonl'));
    // per run: the selection split's, then each held-out evaluation's
    expect(predictions.map((p) => `${p.seed} ${p.task} ${p.split} ${p.gold.length}`)).toEqual([
      '1 toy dev 12',
      '1 toy-a test 8',
      '1 toy-b test 6',
      '2 toy dev 12',
      '2 toy-a test 8',
      '2 toy-b test 6',
    ]);
    for (const p of predictions.filter((q) => q.split === 'test')) {
      const accuracy = p.predictions.filter((y, i) => y === p.gold[i]).length / p.gold.length;
      const row = rows.find(
        (r) => r.task === p.task && r.split === 'test' && r.metric === 'accuracy' && r.seed === p.seed,
      );
      expect(row?.value).toBeCloseTo(accuracy, 12);
    }
    await expect(
      finetune({ ...base(), testSplit: 'test', tests: [{ name: 'toy', task, split: 'test' }] }),
    ).rejects.toThrow('finetune: give testSplit or tests, not both; got testSplit "test" and 1 tests');
  }, 240_000);

  it('the no-pretraining control: same parameters and shapes, other values, the same for a seed', async () => {
    const pretrained = await loadMaskedLm(modelDir);
    const a = runClassifier(pretrained, 2, 5, true);
    const b = runClassifier(pretrained, 2, 5, true);
    const c = runClassifier(pretrained, 2, 6, true);
    const values = (m: MaskedLanguageModel) => m.params.all().map((p) => Array.from(p.variable.dataSync()));
    const names = (m: MaskedLanguageModel) => m.params.all().map((p) => `${p.name}:${p.variable.shape}`);
    expect(names(a.model)).toEqual(names(pretrained));
    expect(values(a.model)).toEqual(values(b.model));
    expect(values(a.model)[0]).not.toEqual(values(pretrained)[0]);
    expect(values(a.model)[0]).not.toEqual(values(c.model)[0]);
    const same = runClassifier(pretrained, 2, 5, false);
    expect(same.model).toBe(pretrained);
    for (const r of [a, b, c, same]) r.classifier.dispose();
    for (const r of [a, b, c]) r.model.dispose();
    pretrained.dispose();
  });

  it('fine-tunes the no-pretraining control end to end, deterministically', async () => {
    const base = {
      model: modelDir,
      task,
      learningRates: [1e-3],
      batchSizes: [16],
      epochs: 1,
      testSplit: 'test',
      progress: false,
    };
    const pretrained = await finetune({ ...base, resultsCsv: join(dir, 'a.csv') });
    const fresh = await finetune({ ...base, reinitialise: true, resultsCsv: join(dir, 'b.csv') });
    const again = await finetune({ ...base, reinitialise: true, resultsCsv: join(dir, 'c.csv') });
    const preds = async (name: string) =>
      (await readPredictions(join(dir, `${name}.predictions.jsonl`))).find((p) => p.split === 'test')
        ?.predictions;
    expect(await preds('b')).toEqual(await preds('c'));
    expect(fresh.rows.map((r) => r.value)).toEqual(again.rows.map((r) => r.value));
    expect(pretrained.rows).toHaveLength(fresh.rows.length);
  }, 240_000);

  it('resumes an interrupted grid: finished runs are kept and skipped, a run cut short starts again', async () => {
    const base = {
      model: modelDir,
      modelLabel: 'tiny',
      task,
      learningRates: [1e-3],
      batchSizes: [16],
      seeds: [1, 2],
      epochs: 2,
      testSplit: 'test',
      progress: false,
    };
    const whole = join(dir, 'whole.csv');
    const complete = await finetune({ ...base, resultsCsv: whole });
    // an interruption during seed 2: seed 1 finished, seed 2 left one epoch's rows and no predictions
    const cut = join(dir, 'cut.csv');
    const seed1 = complete.rows.filter((r) => r.seed === 1);
    const partial = complete.rows.filter((r) => r.seed === 2 && r.epoch === 1 && r.split === 'dev');
    await appendResults(cut, [...seed1, ...partial]);
    const predictions = await readPredictions(join(dir, 'whole.predictions.jsonl'));
    await appendPredictions(
      join(dir, 'cut.predictions.jsonl'),
      predictions.filter((p) => p.seed === 1),
    );
    const resumed = await finetune({ ...base, resultsCsv: cut, resume: true });
    // the same rows as the uninterrupted grid (seed 2 retrained from its start, deterministically)
    const strip = (rows: readonly ResultRow[]) => rows.map(({ wallSeconds: _, ...r }) => r);
    expect(strip(await readResultRows(cut))).toEqual(strip(complete.rows));
    expect(strip(resumed.rows)).toEqual(strip(complete.rows));
    expect(await readPredictions(join(dir, 'cut.predictions.jsonl'))).toEqual(predictions);
  }, 240_000);

  it('rejects a test split the task lacks or that is the training split, and a searchSeeds beyond the seeds', async () => {
    const base = {
      model: modelDir,
      task,
      learningRates: [1e-3],
      batchSizes: [16],
      resultsCsv: join(dir, 'x.csv'),
    };
    await expect(finetune({ ...base, testSplit: 'heldout' })).rejects.toThrow(
      'finetune: testSplit must be a split of task toy (["train", "dev", "test"]) other than the training split; got "heldout"',
    );
    await expect(finetune({ ...base, testSplit: 'train' })).rejects.toThrow('got "train"');
    await expect(finetune({ ...base, seeds: [1, 2], searchSeeds: 3 })).rejects.toThrow('searchSeeds');
    await expect(finetune({ ...base, patience: 0 })).rejects.toThrow('patience');
  });
});
