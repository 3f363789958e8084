import { CELL_KINDS, cellArgsProblems, isCellKindName } from '../cells/cell-kinds';
import type { CellLike } from './cell';

/** The problems of one cell's kind and args, each prefixed with the cell id. */
function cellProblems(cell: CellLike): string[] {
  const problems = isCellKindName(cell.kind)
    ? cellArgsProblems(cell.kind, cell.args)
    : [`kind ${JSON.stringify(cell.kind)} is not one of ${Object.keys(CELL_KINDS).join(', ')}`];
  return problems.map((p) => `${cell.id}: ${p}`);
}

/**
 * Checks a grid without running it — what `reproduce --dry-run` does, so a preset meant for a
 * bigger machine (`paper`) is known to be well formed before it gets one: unique ids and outputs,
 * dependencies listed before their readers, and per cell its args against its kind's schema
 * (`CELL_KINDS`: unknown keys, types, ranges) and the kind's own checks (registered corpus,
 * tokenizer, allocator, task; a pretraining config's rules across fields).
 * Returns the problems found (none: an empty list).
 *
 * @example
 * ```ts
 * validateGrid(buildGrid(EXPERIMENT_PRESETS.paper)); // []
 * ```
 */
export function validateGrid(grid: { readonly cells: readonly CellLike[] }): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const outputs = new Set<string>();
  for (const cell of grid.cells) {
    if (seen.has(cell.id)) problems.push(`${cell.id}: the id is used twice`);
    for (const d of cell.dependsOn)
      if (!seen.has(d)) problems.push(`${cell.id}: depends on ${d}, which is not listed before it`);
    for (const o of cell.outputs) {
      if (outputs.has(o)) problems.push(`${cell.id}: output ${o} is written by another cell too`);
      outputs.add(o);
    }
    seen.add(cell.id);
    problems.push(...cellProblems(cell));
  }
  return problems;
}
