import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIBREOFFICE_HELP_ROOT } from '@ksub/datasets';
import { initBackend } from '@ksub/tensor';
import { GOOD_TSV, tinyModel, twoClassSpec, writeTask } from '../fault-drill/tiny-inputs';
import {
  appendPredictions,
  appendResults,
  predictionsPathFor,
  readPredictions,
  readResultRows,
  type ResultRow,
} from '@ksub/training';
import { captureStdout, useTempDir } from '../testing/temp-dir';
import { cellArgsProblems } from './cell-kinds';
import { FinetuneArgsSchema, finetuneCell } from './finetune-cell';

describe('the finetune cell', () => {
  const dir = useTempDir('finetune-cell');
  const context = { preset: 'test', outputs: [], resume: true, source: 'spec' };
  beforeAll(() => initBackend({ log: null }));
  /** A tiny model and a two-class task of the user's own (trained and scored on one TSV). */
  const ownTask = async () => ({
    model: await tinyModel(dir.path),
    taskSpec: await writeTask(dir.path, twoClassSpec('train.tsv', 'train.tsv'), { 'train.tsv': GOOD_TSV }),
  });

  it("fine-tunes over the grid and writes the cell's own rows afresh", async () => {
    const { model, taskSpec } = await ownTask();
    const out = join(dir.path, 'finetune', 'full-own.csv');
    const args = FinetuneArgsSchema.parse({
      taskSpec,
      model,
      label: 'full',
      learningRates: [1e-3],
      batchSizes: [2],
      epochs: 1,
      out,
    });
    const first = await captureStdout(() => finetuneCell.run(args, context));
    expect(first.result).toBe(true);
    expect(first.stdout).toMatch(
      /^finetune own \(backend \w+\): chosen on own's dev: lr 0\.001, batch 2 \(mean best accuracy [\d.]+ over seed 1\); best epochs 1 \(seed 1\); \d+ rows written to /,
    );
    const rows = await readResultRows(out);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => `${r.model} ${r.task} ${r.lr} ${r.batch} ${r.epoch}`))).toEqual(
      new Set(['full own 0.001 2 1']),
    );
    const text = readFileSync(out, 'utf8');
    await captureStdout(() => finetuneCell.run(args, context));
    // the same rows again, not twice as many (only the wall time may differ)
    expect((await readResultRows(out)).length).toBe(rows.length);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe(text.split('\n')[0]);
  }, 120_000);

  it('takes exactly one of task, taskSpec, protocol; the protocol names follow the suite', () => {
    const base = { model: 'm', learningRates: [1e-4], batchSizes: [16], epochs: 1, out: 'o.csv' };
    expect(cellArgsProblems('finetune', { ...base, task: 'uci-sentiment' })).toEqual([]);
    expect(cellArgsProblems('finetune', { ...base, task: 'uci-sentiment', taskSpec: 't.json' })).toEqual([
      'finetune args: (root): exactly one of task, taskSpec, protocol must be given; got ["task", "taskSpec"]',
    ]);
    expect(
      cellArgsProblems('finetune', {
        ...base,
        protocol: { suite: 'libreoffice', name: 'translate-train-all' },
      }),
    ).toEqual([
      'finetune args: protocol.name: Invalid option: expected one of "cross-lingual"|"train-all"; got "translate-train-all"',
    ]);
    expect(cellArgsProblems('finetune', { ...base, taskSpec: 't.json', dataDir: 'd' })).toEqual([
      'finetune args: dataDir: applies only with task; got "d"',
    ]);
    expect(cellArgsProblems('finetune', { ...base, task: 'sst-9' })).toEqual([
      expect.stringMatching(/^task "sst-9" is not one of .*uci-sentiment/),
    ]);
  });

  it('continues an interrupted grid only when its settings are the same, and starts afresh otherwise', async () => {
    const { model, taskSpec } = await ownTask();
    const out = join(dir.path, 'finetune', 'resume.csv');
    const args = FinetuneArgsSchema.parse({
      taskSpec,
      model,
      label: 'full',
      learningRates: [1e-3],
      batchSizes: [2],
      seeds: [1, 2],
      epochs: 1,
      out,
    });
    await captureStdout(() => finetuneCell.run(args, context));
    const whole = await readResultRows(out);
    const predictions = await readPredictions(predictionsPathFor(out));
    expect(existsSync(`${out}.partial.json`)).toBe(false);
    // interrupted in seed 2: its rows and predictions are not there yet, the partial marker is
    const hash = createHash('sha256').update(JSON.stringify(args)).digest('hex');
    writeFileSync(`${out}.partial.json`, JSON.stringify({ hash }));
    writeFileSync(out, '');
    await appendResults(
      out,
      whole.filter((r) => r.seed === 1),
    );
    writeFileSync(predictionsPathFor(out), '');
    await appendPredictions(
      predictionsPathFor(out),
      predictions.filter((p) => p.seed === 1),
    );
    const resumed = await captureStdout(() => finetuneCell.run(args, context));
    expect(resumed.stdout).toContain(`finetune: resuming ${out}`);
    const strip = (rows: readonly ResultRow[]) => rows.map(({ wallSeconds: _, ...r }) => r);
    expect(strip(await readResultRows(out))).toEqual(strip(whole));
    // a marker of other settings: the rows are not reused
    writeFileSync(`${out}.partial.json`, JSON.stringify({ hash: 'other' }));
    const fresh = await captureStdout(() => finetuneCell.run(args, context));
    expect(fresh.stdout).not.toContain('resuming');
    expect(strip(await readResultRows(out))).toEqual(strip(whole));
  }, 120_000);

  const help = ['en-US', 'de'].every((d) => existsSync(join(LIBREOFFICE_HELP_ROOT, d, 'text')));
  (help ? it : it.skip)(
    'a protocol under the held-out protocol: English dev selects, every language’s test split at each best epoch [Debian corpora]',
    async () => {
      const out = join(dir.path, 'finetune', 'ml-full-cross-lingual.csv');
      const args = FinetuneArgsSchema.parse({
        protocol: { suite: 'libreoffice', name: 'cross-lingual', languages: ['en', 'de'] },
        model: await tinyModel(dir.path),
        label: 'full',
        learningRates: [1e-3],
        batchSizes: [8],
        seeds: [1, 2],
        searchSeeds: 1,
        epochs: 2,
        patience: 1,
        testSplit: 'test',
        maxTrain: 16,
        maxEval: 8,
        out,
      });
      const { result, stdout } = await captureStdout(() => finetuneCell.run(args, context));
      expect(result).toBe(true);
      const rows = await readResultRows(out);
      expect(new Set(rows.filter((r) => r.split === 'dev').map((r) => r.task))).toEqual(
        new Set(['libreoffice-module-en']),
      );
      for (const seed of [1, 2])
        expect(rows.filter((r) => r.seed === seed && r.split === 'test').map((r) => r.task)).toEqual([
          'libreoffice-module-en',
          'libreoffice-module-de',
        ]);
      const predictions = await readPredictions(predictionsPathFor(out));
      expect(predictions.map((p) => `${p.seed} ${p.task} ${p.split} ${p.gold.length}`)).toEqual([
        '1 libreoffice-module-en dev 8',
        '1 libreoffice-module-en test 8',
        '1 libreoffice-module-de test 8',
        '2 libreoffice-module-en dev 8',
        '2 libreoffice-module-en test 8',
        '2 libreoffice-module-de test 8',
      ]);
      expect(stdout).toContain(
        "held-out accuracy per language at each run's best dev epoch, mean over the chosen configuration's 2 runs:\n| model | en | de | avg |",
      );
    },
    180_000,
  );
});
