import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FormatError } from '@ksub/core';
import { appendResults, RESULT_COLUMNS } from '@ksub/training';
import { resultRow } from '../testing/result-row';
import { useTempDir } from '../testing/temp-dir';
import { readResultRows } from './read-results';

describe('readResultRows', () => {
  const dir = useTempDir('read-results');
  const row = resultRow({ task: 'sms-spam', model: 'radix-k3', embedding: 'ksub', k: 3, rows: 37, epoch: 2 });

  it("reads back what @ksub/training's appendResults writes, k empty for a full embedding", async () => {
    const path = join(dir.path, 'rows.csv');
    const full = resultRow(); // k empty, N rows
    await appendResults(path, [row, full]);
    expect(await readResultRows(path)).toEqual([row, full]);
  });

  it('refuses another header and a number column holding text, naming the file and line', async () => {
    const other = join(dir.path, 'other.csv');
    writeFileSync(other, 'task,model,metric,value\nt,m,accuracy,0.5\n');
    await expect(readResultRows(other)).rejects.toThrow(FormatError);
    await expect(readResultRows(other)).rejects.toThrow(
      `${other} must start with the header ${RESULT_COLUMNS.join(',')}`,
    );
    const bad = join(dir.path, 'bad.csv');
    writeFileSync(bad, `${RESULT_COLUMNS.join(',')}\nt,m,full,,1,0.1,16,1,1,accuracy,high,1,1\n`);
    await expect(readResultRows(bad)).rejects.toThrow(
      `readResultRows: ${bad}:2: value must be a number; got "high"`,
    );
    await expect(readResultRows(join(dir.path, 'none.csv'))).rejects.toThrow(/none\.csv/);
  });
});
