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

/** A grid as the markers see it: its cells, each naming the cells it reads (`dependsOn`). */
type GridLike = { readonly cells: readonly CellLike[] };

/**
 * Whether a cell and everything it reads, transitively, are done with today's settings. A cell
 * without committed outputs (a corpus, an allocation) has no marker: it is current when its own
 * inputs are. An id the grid does not have is not current.
 */
function isCurrent(id: string, grid: GridLike): boolean {
  const cell = grid.cells.find((c) => c.id === id);
  if (cell === undefined) return false;
  return (markerPath(cell) === undefined || isDone(cell)) && staleInputs(cell, grid).length === 0;
}

/**
 * The cells `cell` reads from that are not done with today's settings, themselves or through what
 * they read (transitively). A table drawn from fine-tuning CSVs of an earlier protocol (their files
 * exist, their markers name other settings) is not complete however many files it found: it is
 * neither marked done nor skipped while this list is not empty.
 *
 * @example
 * ```ts
 * staleInputs(grid.cells.find((c) => c.id === 'table2')!, grid); // ['finetune-radix-k4-uci-sentiment', …]
 * ```
 */
export function staleInputs(cell: CellLike, grid: GridLike): string[] {
  return cell.dependsOn.filter((id) => !isCurrent(id, grid));
}

/**
 * Whether a cell can be skipped: done itself, everything it reads done with today's settings
 * (no {@link staleInputs}), and its scratch outputs (a pretraining run's checkpoints) either still
 * on this machine, not needed (its model is kept under `docs/results/…/models/`), or needed by
 * no one — every cell that reads them is done.
 */
export function canSkip(cell: CellLike, grid: GridLike): boolean {
  if (!isDone(cell) || staleInputs(cell, grid).length > 0) return false;
  // a pretraining whose model is kept in the repository: readers use that, not the scratch run
  if (cell.outputs.some((o) => o.startsWith(COMMITTED) && /\/models\/[^/]+$/.test(o))) return true;
  const scratch = cell.outputs.filter((o) => !o.startsWith(COMMITTED));
  if (scratch.every((o) => existsSync(o))) return true;
  const readers = grid.cells.filter((c) => c.dependsOn.includes(cell.id));
  return readers.every((r) => canSkip(r, grid));
}
