import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendResults } from '@ksub/training';
import { markFinished } from '../testing/held-out-runs';
import { writeFixtureRuns } from '../testing/protocol-runs';
import { resultRow } from '@ksub/training/testing';
import { captureStdout, useTempDir } from '../testing/temp-dir';
import { Table4ArgsSchema, table4Cell } from './table4-cell';

const testTask = (l: string) => `libreoffice-module-${l}`;
const selectOn = 'libreoffice-module-en';

describe('the table4 cell', () => {
  const dir = useTempDir('table4-cell');

  it('renders what has run under the held-out protocol, and says what has not', async () => {
    const csv = (name: string) => join(dir.path, `ml-${name}.csv`);
    // cross-lingual: full (3 seeds) and the majority control under the held-out protocol;
    // radix-k3 only under the earlier one (dev rows, no test split); train-all: nothing yet
    await writeFixtureRuns(csv('full-cross-lingual'), {
      model: 'full',
      selectOn,
      testTask,
      lrs: [1e-4, 3e-4],
      chosen: 3e-4,
      right: { en: [10, 9, 8], de: [10, 10, 10] },
    });
    await writeFixtureRuns(csv('baselines-cross-lingual'), {
      model: 'majority',
      selectOn,
      testTask,
      lrs: [],
      chosen: 0,
      right: { en: [5], de: [5] },
    });
    await appendResults(csv('radix-k3-cross-lingual'), [
      resultRow({ task: selectOn, model: 'radix-k3', value: 0.55 }),
      resultRow({ task: testTask('de'), model: 'radix-k3', value: 0.4 }),
    ]);
    markFinished(csv('radix-k3-cross-lingual'));
    const inputs = [
      'full-cross-lingual',
      'radix-k3-cross-lingual',
      'full-train-all',
      'radix-k3-train-all',
      'baselines-cross-lingual',
      'baselines-train-all',
    ].map(csv);
    const args = Table4ArgsSchema.parse({
      inputs,
      variants: ['full', 'radix-k3'],
      protocols: ['cross-lingual', 'train-all'],
      languages: ['en', 'de'],
      suite: 'libreoffice',
      vocabSize: 200_003,
      clusteredRows: 118,
    });
    const outputs = [join(dir.path, 'table4.md'), join(dir.path, 'table4.csv')];
    const { result } = await captureStdout(() =>
      table4Cell.run(args, { preset: 'test', outputs, resume: true, source: 'spec' }),
    );
    expect(result).toBe(false); // train-all has not run
    const md = readFileSync(outputs[0] ?? '', 'utf8');
    expect(md).toContain(
      '**Partial**: 3 of 6 fine-tuning cells are done; missing: ml-full-train-all.csv, ml-radix-k3-train-all.csv, ml-baselines-train-all.csv.',
    );
    expect(md).toContain('Cross-lingual transfer fine-tunes on English and selects on English dev');
    expect(md).toContain("The average's interval resamples example positions jointly across languages");
    expect(md).toContain('## cross-lingual: test accuracy per language (percent, 95% intervals)');
    // hand-derived in tables/table4.spec.ts: 90.0 ± 24.8, 100, average 95.0 ± 12.4
    expect(md).toContain(
      '| full | 200,003 | 90.0 [65.2, 114.8] | 100.0 [100.0, 100.0] | 95.0 [82.6, 107.4] | 3 seeds; lr 0.0003 (grid edge), batch 32, epochs 2/2/2 |',
    );
    expect(md).toContain('| radix-k3 | 59 | not run under this protocol |  |  |  |');
    expect(md).toContain('| Δ vs full | en | de | avg |');
    expect(md).toContain(
      '**Edge of the lr grid** (cross-lingual): full chose lr 0.0003, the largest of 0.0001, 0.0003',
    );
    // train-all: every row not run, the paper's rows still there, no difference to draw
    const trainAll = md.slice(md.indexOf('## train-all'));
    expect(trainAll).toContain('| full | 200,003 | not run under this protocol |  |  |  |');
    expect(trainAll).toContain('| XLM-R medium (paper) | 250k | 77.0 | 73.0 | 68.0* | — |');
    expect(trainAll).not.toContain('Δ vs full');
    expect(md).toContain(
      '## What these numbers support (generated)\n\n- cross-lingual, language average: the majority class scores below full',
    );
    const table = readFileSync(outputs[1] ?? '', 'utf8').split('\n');
    expect(table[0]).toBe('protocol,model,language,accuracy,low,high,over,n');
    expect(table.filter((l) => l.startsWith('cross-lingual,majority,')).map((l) => l.split(',')[2])).toEqual([
      'en',
      'de',
      'avg',
    ]);
  });
});
