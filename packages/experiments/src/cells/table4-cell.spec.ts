import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendResults } from '@ksub/training';
import { resultRow } from '../testing/result-row';
import { captureStdout, useTempDir } from '../testing/temp-dir';
import { Table4ArgsSchema, table4Cell } from './table4-cell';

/** A row of a Table 4 cell's CSV: accuracy of `model` on one language. */
const row = (model: string, language: string, lr: number, value: number) =>
  resultRow({ task: `libreoffice-module-${language}`, model, rows: 200_003, lr, batch: 32, value });

describe('the table4 cell', () => {
  const dir = useTempDir('table4-cell');

  it('reports each variant per language at the cell chosen on English dev, from the finished CSVs', async () => {
    const csv = (name: string) => join(dir.path, `ml-${name}.csv`);
    // full, cross-lingual: lr 3e-4 is chosen on English (0.7 > 0.6), so German is reported at 0.5
    await appendResults(csv('full-cross-lingual'), [
      row('full', 'en', 1e-4, 0.6),
      row('full', 'de', 1e-4, 0.9),
      row('full', 'en', 3e-4, 0.7),
      row('full', 'de', 3e-4, 0.5),
    ]);
    await appendResults(csv('radix-k3-cross-lingual'), [
      row('radix-k3', 'en', 1e-4, 0.55),
      row('radix-k3', 'de', 1e-4, 0.4),
    ]);
    const inputs = ['full-cross-lingual', 'radix-k3-cross-lingual', 'full-train-all'].map(csv);
    for (const f of inputs.slice(0, 2)) writeFileSync(`${f}.cell.json`, '{}\n'); // finished cells
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
    expect(result).toBe(false); // full-train-all is missing
    expect(readFileSync(outputs[1] ?? '', 'utf8')).toBe(
      'protocol,model,language,accuracy\ncross-lingual,full,en,0.7\ncross-lingual,full,de,0.5\ncross-lingual,radix-k3,en,0.55\ncross-lingual,radix-k3,de,0.4\n',
    );
    const md = readFileSync(outputs[0] ?? '', 'utf8');
    // E: N = 200,003 for full; M = 59 for random 3-sub (58³ < 200,003 ≤ 59³); avg (70 + 50) / 2 = 60.0
    expect(md).toContain('| full (ours) | 200,003 | 70.0 | 50.0 | 60.0 | — |');
    expect(md).toContain('| radix-k3 (ours) | 59 | 55.0 | 40.0 | 47.5 | -12.5 |');
    expect(md).toContain('**Partial**: 2 of 3 fine-tuning cells are done; missing: ml-full-train-all.csv.');
  });
});
