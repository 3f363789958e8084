import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '@ksub/tensor';
import { pretrain, type PretrainConfig } from '@ksub/training';
import { ensureParent } from '../cells/common';
import { allocateCell, corpusCell } from '../cells/data-cells';
import { compressCell, directionTableCell } from '../cells/direction-cells';
import { fig2Cell, fig3Cell } from '../cells/figure-cells';
import { finetuneCell } from '../cells/finetune-cell';
import { table4Cell, tableCell } from '../cells/table-cells';
import type { Cell, Grid } from '../grid/cell';
import { canSkip, markDone } from '../grid/cell-markers';

const USAGE =
  'usage: node packages/experiments/dist/cli/cell.js --preset tiny|mini|paper --cell ID (run by the Nx targets experiments:cell-<preset>-<id>)';

/** Runs one cell of an experiment grid (what each `experiments:cell-<preset>-<id>` Nx target does). */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { preset: { type: 'string' }, cell: { type: 'string' } } });
  if (values.preset === undefined || values.cell === undefined) {
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const gridFile = join('packages/experiments/grid', `${values.preset}.json`);
  const grid = JSON.parse(await readFile(gridFile, 'utf8')) as Grid;
  const cell = grid.cells.find((c) => c.id === values.cell);
  if (cell === undefined)
    throw new RangeError(
      `cell: --cell must be one of ${grid.cells.map((c) => c.id).join(', ')}; got ${JSON.stringify(values.cell)}`,
    );
  if (canSkip(cell, grid)) {
    process.stdout.write(
      `cell ${cell.id}: done in an earlier sitting (committed results match its settings); skipped\n`,
    );
    return;
  }
  // a table drawn from some of its inputs (run by hand to see progress) is not marked done
  if (await run(cell, grid)) await markDone(cell);
}

async function run(cell: Cell, grid: Grid): Promise<boolean> {
  const a = cell.args;
  switch (cell.kind) {
    case 'corpus':
      await corpusCell(a);
      return true;
    case 'allocate':
      await allocateCell(a);
      return true;
    case 'pretrain':
      await initBackend();
      // resume: a cell interrupted (or finished by hand) continues from its newest checkpoint
      await pretrain(a as unknown as PretrainConfig, { resume: true });
      // the metrics are committed (the run's weights stay in runs/, scratch)
      await copyFile(
        join(a['outDir'] as string, 'metrics.jsonl'),
        await ensureParent(cell.outputs[1] as string),
      );
      return true;
    case 'finetune':
      await initBackend();
      return finetuneCell(a);
    case 'table4':
      return table4Cell(a, cell, grid.preset);
    case 'compress':
      await initBackend();
      await compressCell(a, grid.preset);
      return true;
    case 'table':
      return tableCell(a, cell, grid.preset);
    case 'direction-table':
      await initBackend();
      return directionTableCell(a, cell, grid.preset);
    case 'figure':
      await initBackend();
      return a['figure'] === 'fig3' ? fig3Cell(a, cell, grid.preset) : fig2Cell(a, cell, grid.preset);
    default:
      throw new RangeError(`cell: unknown kind ${JSON.stringify((cell as Cell).kind)}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
