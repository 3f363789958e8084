import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendPredictions, appendResults, predictionsPathFor, type ResultRow } from '@ksub/training';
import { useTempDir } from '../../testing/temp-dir';
import { readFinetuneResults } from './read-finetune-results';

const row = (model: string, value: number): ResultRow => ({
  task: 'sms-spam',
  model,
  embedding: 'full',
  k: '',
  rows: 10,
  lr: 1e-3,
  batch: 16,
  seed: 1,
  epoch: 1,
  metric: 'f1',
  value,
  steps: 4,
  wallSeconds: 1,
  split: 'test',
});

const run = (model: string, predictions: number[]) => ({
  task: 'sms-spam',
  model,
  lr: 1e-3,
  batch: 16,
  seed: 1,
  epoch: 1,
  dev: 0.5,
  split: 'test',
  examples: 'a'.repeat(64),
  gold: [0, 1, 1],
  predictions,
});

describe('readFinetuneResults', () => {
  const dir = useTempDir('read-finetune-results');

  it('reads the finished files in order, without predictions where none were kept, and skips the unfinished', async () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((m) => join(dir.path, `${m}.csv`)) as [
      string,
      string,
      string,
      string,
    ];
    await appendResults(a, [row('a', 0.5), row('a', 0.75)]);
    await appendPredictions(predictionsPathFor(a), [run('a', [0, 1, 0])]);
    await appendResults(b, [row('b', 0.25)]); // an older cell: rows, no predictions file
    await appendResults(c, [row('c', 1)]); // still running: no marker
    await appendPredictions(predictionsPathFor(c), [run('c', [1, 1, 1])]);
    for (const f of [a, b]) writeFileSync(`${f}.cell.json`, '{}');
    const results = await readFinetuneResults([b, c, a, d]);
    expect(results.finished).toEqual([b, a]);
    expect(results.unfinished).toEqual([c, d]);
    expect(results.rows.map((r) => `${r.model} ${r.value}`)).toEqual(['b 0.25', 'a 0.5', 'a 0.75']);
    expect(results.predictions.map((p) => `${p.model} ${p.predictions.join('')}`)).toEqual(['a 010']);
    expect(await readFinetuneResults([])).toEqual({
      finished: [],
      unfinished: [],
      rows: [],
      predictions: [],
    });
  });
});
