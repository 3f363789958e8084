import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '@ksub/core/node';
import type { CellLike } from './cell';

/** Committed results live under this prefix; everything else (runs/, data/) is scratch. */
const COMMITTED = 'docs/results/';

/** A hash of everything that defines a cell: its settings, dependencies and outputs. */
export function cellHash(cell: CellLike): string {
  return createHash('sha256').update(JSON.stringify(cell)).digest('hex');
}

/** Where a cell records that its committed outputs are complete: beside its first committed output. */
export function markerPath(cell: CellLike): string | undefined {
  const committed = cell.outputs.find((o) => o.startsWith(COMMITTED));
  return committed === undefined ? undefined : `${committed}.cell.json`;
}

/**
 * Whether a cell's committed outputs exist and were written by a cell with exactly these settings
 * (an earlier sitting, possibly on another machine): then it need not run again.
 */
export function isDone(cell: CellLike): boolean {
  const marker = markerPath(cell);
  if (marker === undefined || !existsSync(marker)) return false;
  const recorded = JSON.parse(readFileSync(marker, 'utf8')) as { hash?: string };
  return (
    recorded.hash === cellHash(cell) &&
    cell.outputs.filter((o) => o.startsWith(COMMITTED)).every((o) => existsSync(o))
  );
}

/** Records that a cell finished (after its outputs are written). */
export async function markDone(cell: CellLike): Promise<void> {
  const marker = markerPath(cell);
  if (marker !== undefined)
    await writeFileAtomic(marker, `${JSON.stringify({ cell: cell.id, hash: cellHash(cell) }, null, 2)}\n`);
}

/**
 * Whether a cell can be skipped: done itself, and its scratch outputs (a pretraining run's
 * checkpoints) either still on this machine, not needed (its model is kept under
 * `docs/results/…/models/`), or needed by no one — every cell that reads them is done.
 */
export function canSkip(cell: CellLike, grid: { readonly cells: readonly CellLike[] }): boolean {
  if (!isDone(cell)) return false;
  // a pretraining whose model is kept in the repository: readers use that, not the scratch run
  if (cell.outputs.some((o) => o.startsWith(COMMITTED) && /\/models\/[^/]+$/.test(o))) return true;
  const scratch = cell.outputs.filter((o) => !o.startsWith(COMMITTED));
  if (scratch.every((o) => existsSync(o))) return true;
  const readers = grid.cells.filter((c) => c.dependsOn.includes(cell.id));
  return readers.every((r) => canSkip(r, grid));
}
