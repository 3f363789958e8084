import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendPredictions, appendResults, predictionsPathFor, writePositionsCsv } from '@ksub/training';
import { resultRow } from '@ksub/training/testing';
import { captureStdout, useTempDir } from '../testing/temp-dir';
import { CurvesArgsSchema, curvesCell } from './curves-cell';

describe('the curves cell (issue #21 learning curves)', () => {
  const dir = useTempDir('curves-cell');
  const at = (name: string) => join(dir.path, name);
  /** A file with its cell's marker: finished, as the grid writes it. */
  const finished = (path: string) => writeFileSync(`${path}.cell.json`, '{}\n');
  const metrics = (steps: number[], loss: (s: number) => number) =>
    steps
      .map((step) => JSON.stringify({ type: 'validation', step, loss: loss(step), unigramLoss: 7.5 }))
      .join('\n') + '\n';
  const gold = Array.from({ length: 20 }, (_, i) => i % 2);

  /** Two seeds' held-out rows and predictions of `label` on uci-sentiment, wrong on the first `wrong` test examples. */
  async function finetuned(csv: string, label: string, wrong: number): Promise<void> {
    const predictions = gold.map((y, i) => (i < wrong ? 1 - y : y));
    const common = { task: 'uci-sentiment', model: label, lr: 1e-3, batch: 16, epoch: 1 };
    await appendResults(
      csv,
      [1, 2].flatMap((seed) => [
        resultRow({ ...common, seed, split: 'dev', value: 0.8 }),
        resultRow({ ...common, seed, split: 'test', value: 1 - wrong / 20 }),
      ]),
    );
    await appendPredictions(
      predictionsPathFor(csv),
      [1, 2].map((seed) => ({
        ...common,
        seed,
        dev: 0.8,
        split: 'test',
        examples: 'a'.repeat(64),
        gold,
        predictions,
      })),
    );
    finished(csv);
  }

  it('draws the page, CSV and figure from the finished files, reads a run under way from its directory, and lists the rest as not run', async () => {
    mkdirSync(at('run-ksub'));
    writeFileSync(
      at('full.metrics.jsonl'),
      metrics([2, 4], (s) => 8 - s / 2),
    );
    finished(at('full.metrics.jsonl'));
    writeFileSync(
      at('annealed-full.metrics.jsonl'),
      metrics([4], () => 5.5),
    );
    finished(at('annealed-full.metrics.jsonl'));
    // ksub's run is under way: only its directory's metrics, up to update 2
    writeFileSync(
      at('run-ksub/metrics.jsonl'),
      metrics([2], () => 7.25),
    );
    const positions = (loss: number[]) => ({
      sequence: Int32Array.of(0, 0, 1, 1),
      position: Int32Array.of(1, 2, 1, 3),
      token: Int32Array.of(7, 9, 7, 8),
      loss: Float64Array.from(loss),
      correct: Uint8Array.of(1, 0, 1, 0),
      unigramLoss: Float64Array.of(4, 4, 4, 4),
    });
    await writePositionsCsv(at('full-u2.csv'), positions([1, 2, 3, 4]));
    await writePositionsCsv(at('ksub-u2.csv'), positions([1.5, 2.5, 3.5, 4.5]));
    for (const f of ['full-u2.csv', 'ksub-u2.csv']) finished(at(f));
    await finetuned(at('curve-full-u2-uci-sentiment.csv'), 'curve-full-u2', 0);
    await finetuned(at('curve-ksub-u2-uci-sentiment.csv'), 'curve-ksub-u2', 6);
    const args = CurvesArgsSchema.parse({
      reference: 'full',
      tokensPerUpdate: 2048,
      tasks: ['uci-sentiment'],
      variants: [
        {
          id: 'full',
          metrics: at('full.metrics.jsonl'),
          annealed: at('annealed-full.metrics.jsonl'),
          snapshots: [
            {
              step: 2,
              label: 'curve-full-u2',
              mlm: at('full-u2.csv'),
              finetune: [at('curve-full-u2-uci-sentiment.csv')],
            },
          ],
        },
        {
          id: 'ksub',
          metrics: at('ksub.metrics.jsonl'),
          run: at('run-ksub'),
          snapshots: [
            {
              step: 2,
              label: 'curve-ksub-u2',
              mlm: at('ksub-u2.csv'),
              finetune: [at('curve-ksub-u2-uci-sentiment.csv')],
            },
            { step: 4, label: 'curve-ksub-u4', mlm: at('ksub-u4.csv') },
          ],
        },
      ],
    });
    const outputs = ['curves.md', 'curves.csv', 'curves.svg'].map(at);
    const { result } = await captureStdout(() =>
      curvesCell.run(args, { preset: 'test', outputs, resume: true, source: 'spec' }),
    );
    expect(result).toBe(false); // partial: not marked done
    const md = readFileSync(at('curves.md'), 'utf8');
    expect(md).toContain('**Partial**: 2 inputs not run yet: ksub.metrics.jsonl, ksub-u4.csv.');
    expect(md).toContain(
      'Runs under way (their metrics read from the run directory): ksub (up to update 2).',
    );
    expect(md).toContain('| 2 | 4.1k | 7.000 | 7.250 | 7.500 |');
    expect(md).toContain('| 4, annealed (Tables 2–3 run) | 8.2k | 5.500 |  | 7.500 |');
    expect(md).toMatch(/\| ksub \| 2 \| 4\.1k \| -30\.0 \[-[\d.]+, -[\d.]+\] \\\* \| 0\.031 \|/);
    expect(md).toContain('| 2 | 4.1k | ksub | 3.000 | +0.500 [+0.500, +0.500] \\* |');
    expect(md).toContain('| 4 | 8.2k | ksub | not run yet (curve-mlm-ksub-u4) | | |');
    expect(md).toMatch(/_Provenance: preset test · commit /);
    expect(readFileSync(at('curves.csv'), 'utf8')).toContain('mlm-delta,ksub,,nats,2,4096,0.5,0.5,0.5,2\n');
    expect(readFileSync(at('curves.svg'), 'utf8')).toContain('MLM validation loss');
  }, 60_000);
});
