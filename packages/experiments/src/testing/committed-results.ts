import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../fault-drill/drill-case';
import { findCell } from '../grid/cell';
import { buildGrid } from '../grid/build-grid';
import { EXPERIMENT_PRESETS } from '../grid/presets';

/** A workspace path (as the grid writes it) made absolute, so specs run from any directory. */
export const fromRoot = (path: string): string => join(REPO_ROOT, path);

/** The committed text of a workspace file. */
export const committed = (path: string): string => readFileSync(fromRoot(path), 'utf8');

/** The mini grid's table cells, as committed results were made from (Tables 2–3 and seed 001). */
export function miniTableCells() {
  const grid = buildGrid(EXPERIMENT_PRESETS.mini);
  return {
    table2: findCell(grid, 'table2', 'table'),
    table3: findCell(grid, 'table3', 'table'),
    direction: findCell(grid, 'table-direction', 'direction-table'),
  };
}

/**
 * A Markdown result page without what changes from one rendering to the next: its provenance
 * line is cut at the commit (what comes before — preset, seed, wall time — is from the inputs).
 */
export function withoutVolatileProvenance(md: string): string {
  return md.replace(/ · commit [^\n]*\._\n$/, ' · …');
}
