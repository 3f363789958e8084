import { join } from 'node:path';
import { CELL_KINDS, isCellKindName, runCellKind } from '../cells/cell-kinds';
import { readGridFile } from '../grid/cell';
import { canSkip, markDone, staleInputs } from '../grid/cell-markers';
import { parseCli } from './parse-cli';

const USAGE = `usage: node packages/experiments/dist/cli/cell.js --preset tiny|mini|paper --cell ID [--grid FILE]
  Runs one cell of an experiment grid (what each Nx target experiments:cell-<preset>-<id> does):
  its args are checked against its kind's schema, then it runs, unless the committed results of
  an earlier sitting match its settings. --grid: a grid file other than
  packages/experiments/grid/<preset>.json.`;

/** `experiments:cell-<preset>-<id>`: runs one cell of a grid, resolving its exit code. */
async function main(): Promise<number> {
  const text = { type: 'string' } as const;
  const values = parseCli('cell', USAGE, { preset: text, cell: text, grid: text });
  if (values === undefined) return process.exitCode === 2 ? 2 : 0;
  if (values.preset === undefined || values.cell === undefined) {
    process.stderr.write(`cell: --preset and --cell are required\n\n${USAGE}\n`);
    return 2;
  }
  const gridFile = values.grid ?? join('packages/experiments/grid', `${values.preset}.json`);
  const grid = await readGridFile(gridFile);
  const cell = grid.cells.find((c) => c.id === values.cell);
  if (cell === undefined)
    throw new RangeError(
      `cell: --cell must be one of ${grid.cells.map((c) => c.id).join(', ')}; got ${JSON.stringify(values.cell)}`,
    );
  if (!isCellKindName(cell.kind))
    throw new RangeError(
      `cell: ${cell.id}'s kind must be one of ${Object.keys(CELL_KINDS).join(', ')}; got ${JSON.stringify(cell.kind)}`,
    );
  if (canSkip(cell, grid)) {
    process.stdout.write(
      `cell ${cell.id}: done in an earlier sitting (committed results match its settings); skipped\n`,
    );
    return 0;
  }
  const complete = await runCellKind(cell.kind, cell.args, {
    preset: grid.preset,
    outputs: cell.outputs,
    // a cell interrupted (or finished by hand) continues from its newest checkpoint
    resume: true,
    source: `${gridFile}#${cell.id}`,
  });
  // a table drawn from some of its inputs (run by hand to see progress), or from inputs made
  // with other settings than today's, is not marked done
  if (!complete) return 0;
  const stale = staleInputs(cell, grid);
  if (stale.length === 0) await markDone(cell);
  else
    process.stdout.write(
      `cell ${cell.id}: not marked done — ${stale.length} of its inputs are not done with today's settings: ${stale.join(', ')}\n`,
    );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
