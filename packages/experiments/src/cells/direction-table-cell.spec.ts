import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { committed, fromRoot, miniTableCells, withoutVolatileProvenance } from '../testing/committed-results';
import { captureStdout, useTempDir } from '../testing/temp-dir';
import { DirectionTableArgsSchema, directionTableCell } from './direction-table-cell';

describe('the direction-table cell (seed 001)', () => {
  const dir = useTempDir('direction-table-cell');

  it('renders the committed mini seed-001 table again from its records and CSVs, byte for byte but the provenance', async () => {
    const cell = miniTableCells().direction;
    const args = DirectionTableArgsSchema.parse({
      ...cell.args,
      records: cell.args.records.map(fromRoot),
      finetune: cell.args.finetune.map(fromRoot),
    });
    const outputs = ['md', 'csv', 'svg'].map((e) => join(dir.path, `table-direction.${e}`));
    const { result, stdout } = await captureStdout(() =>
      directionTableCell.run(args, { preset: 'mini', outputs, resume: true, source: 'spec' }),
    );
    expect(result).toBe(true);
    expect(stdout).toContain('| SVD | 12 | 604,716 | 10.6 |');
    const [md, csv] = cell.outputs;
    expect(withoutVolatileProvenance(readFileSync(outputs[0] ?? '', 'utf8'))).toBe(
      withoutVolatileProvenance(committed(md ?? '')),
    );
    expect(readFileSync(outputs[1] ?? '', 'utf8')).toBe(committed(csv ?? ''));
    expect(readFileSync(outputs[2] ?? '', 'utf8')).toBe(committed(cell.outputs[2] ?? ''));
  }, 60_000);
});
