import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import { resultRow } from '../testing/result-row';
import { appendResults, readResultRows, RESULT_COLUMNS } from './results-csv';

/** The full model's accuracy on uci-sentiment after one epoch; `fields` replace any of it. */
const row = resultRow;

describe('readResultRows', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ksub-results-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what appendResults writes (k empty for a full embedding, NaN kept), row for row', async () => {
    const path = join(dir, 'rows.csv');
    const ksub = row({ task: 'sms-spam', model: 'radix-k3', embedding: 'ksub', k: 3, rows: 37, epoch: 2 });
    const undefinedMetric = row({ metric: 'f1', value: Number.NaN });
    await appendResults(path, [ksub, row()]);
    await appendResults(path, [undefinedMetric]);
    expect(await readResultRows(path)).toEqual([ksub, row(), undefinedMetric]);
  });

  it('refuses another header, a number column holding text and a missing file, naming the file and line', async () => {
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'task,model,metric,value\nt,m,accuracy,0.5\n');
    await expect(readResultRows(other)).rejects.toThrow(FormatError);
    await expect(readResultRows(other)).rejects.toThrow(
      `readResultRows: ${other} must start with the header ${RESULT_COLUMNS.join(',')}`,
    );
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${RESULT_COLUMNS.join(',')}\nt,m,full,,1,0.1,16,1,1,accuracy,high,1,1,dev\n`);
    await expect(readResultRows(bad)).rejects.toThrow(
      `readResultRows: ${bad}:2: value must be a number; got "high"`,
    );
    const none = join(dir, 'none.csv');
    await expect(readResultRows(none)).rejects.toThrow(
      `cannot read the results CSV ${none}: does not exist (ENOENT)`,
    );
  });

  it('reads a file written before the split column as dev rows, and refuses to append to it', async () => {
    const legacy = join(dir, 'legacy.csv');
    writeFileSync(
      legacy,
      `${RESULT_COLUMNS.slice(0, -1).join(',')}\nt,m,full,,1,0.1,16,1,1,accuracy,0.75,1,1\n`,
    );
    expect(await readResultRows(legacy)).toEqual([
      row({ task: 't', model: 'm', rows: 1, lr: 0.1, value: 0.75, steps: 1, wallSeconds: 1 }),
    ]);
    await expect(appendResults(legacy, [row()])).rejects.toThrow(FormatError);
  });
});
