import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import {
  appendPredictions,
  examplesFingerprint,
  predictionsPathFor,
  readPredictions,
  type RunPredictions,
} from './predictions-file';

const run = (fields: Partial<RunPredictions> = {}): RunPredictions => ({
  task: 't',
  model: 'm',
  lr: 1e-4,
  batch: 16,
  seed: 1,
  epoch: 2,
  dev: 0.7,
  split: 'test',
  examples: examplesFingerprint([{ text: 'a', label: 0 }]),
  gold: [0, 1, 1],
  predictions: [0, 1, 0],
  ...fields,
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ksub-predictions-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('predictions file', () => {
  it('reads back what it appends, run for run; a missing file is no runs', async () => {
    const path = join(dir, 'p.predictions.jsonl');
    expect(await readPredictions(path)).toEqual([]);
    await appendPredictions(path, [run()]);
    await appendPredictions(path, [run({ seed: 2 })]);
    expect(await readPredictions(path)).toEqual([run(), run({ seed: 2 })]);
  });

  it('names the line of a record that is not JSON, misses a field, or pairs gold with fewer predictions', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify(run())}\n{oops\n`);
    await expect(readPredictions(bad)).rejects.toThrow(`readPredictions: ${bad}:2 is not JSON`);
    writeFileSync(bad, `${JSON.stringify({ ...run(), seed: undefined })}\n`);
    await expect(readPredictions(bad)).rejects.toThrow(FormatError);
    writeFileSync(bad, `${JSON.stringify(run({ predictions: [1] }))}\n`);
    await expect(readPredictions(bad)).rejects.toThrow('gold has 3 labels, predictions 1');
  });

  it('fingerprints the examples in order and names the file beside a results CSV', () => {
    const a = { text: 'a', label: 0 };
    const b = { text: 'b', label: 1 };
    expect(examplesFingerprint([a, b])).toBe(examplesFingerprint([{ ...a }, { ...b }]));
    expect(examplesFingerprint([a, b])).not.toBe(examplesFingerprint([b, a]));
    expect(examplesFingerprint([a])).not.toBe(examplesFingerprint([{ ...a, label: 1 }]));
    expect(predictionsPathFor('out/full-sms-spam.csv')).toBe('out/full-sms-spam.predictions.jsonl');
  });
});
