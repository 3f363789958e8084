import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { committed, fromRoot, miniTableCells, withoutVolatileProvenance } from '../testing/committed-results';
import { captureStdout, useTempDir } from '../testing/temp-dir';
import { isFinished } from './common';
import { TableArgsSchema, tableCell } from './table-cell';

describe('the table cell (Tables 2 and 3)', () => {
  const dir = useTempDir('table-cell');

  it.each(['table2', 'table3'] as const)(
    'renders the committed mini %s again from the committed fine-tuning CSVs, byte for byte but the provenance',
    async (name) => {
      const cell = miniTableCells()[name];
      const rooted = (paths: Readonly<Record<string, string>> = {}) =>
        Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, fromRoot(v)]));
      const args = TableArgsSchema.parse({
        ...cell.args,
        inputs: cell.args.inputs.map(fromRoot),
        models: rooted(cell.args.models),
        mlm: rooted(cell.args.mlm),
        allocations: rooted(cell.args.allocations),
      });
      const outputs = [join(dir.path, `${name}.md`), join(dir.path, `${name}.csv`)];
      const { result } = await captureStdout(() =>
        tableCell.run(args, { preset: 'mini', outputs, resume: true, source: 'spec' }),
      );
      // complete exactly when every input's cell has finished
      expect(result).toBe(args.inputs.every(isFinished));
      const [md, csv] = cell.outputs;
      expect(withoutVolatileProvenance(readFileSync(outputs[0] ?? '', 'utf8'))).toBe(
        withoutVolatileProvenance(committed(md ?? '')),
      );
      expect(readFileSync(outputs[1] ?? '', 'utf8')).toBe(committed(csv ?? ''));
    },
    120_000,
  );

  it('draws a partial table from the inputs that are finished, and says which are missing', async () => {
    const { table2 } = miniTableCells();
    const missing = join(dir.path, 'radix-k9-uci-sentiment.csv');
    const args = TableArgsSchema.parse({
      ...table2.args,
      inputs: [...table2.args.inputs.slice(0, 2).map(fromRoot), missing],
    });
    const outputs = [join(dir.path, 'partial.md'), join(dir.path, 'partial.csv')];
    const { result } = await captureStdout(() =>
      tableCell.run(args, { preset: 'mini', outputs, resume: true, source: 'spec' }),
    );
    expect(result).toBe(false);
    expect(readFileSync(outputs[0] ?? '', 'utf8')).toContain(
      '**Partial**: 2 of 3 fine-tuning cells are done; missing: radix-k9-uci-sentiment.csv.',
    );
  }, 120_000);
});
