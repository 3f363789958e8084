import { parseWithSchema } from '@ksub/core';
import { z } from 'zod';
// types only: building a grid loads none of the cells' code (nor TensorFlow.js)
import type { CellArgsInput, CellKindName } from '../cells/cell-kinds';
import { readJsonFile } from './read-json-file';

/**
 * One cell of a given kind: a unit of work Nx runs as its own cacheable task
 * (`experiments:cell-<preset>-<id>`), with the cells it needs, the files it writes and its args,
 * typed by the kind's schema.
 */
export interface CellOf<K extends CellKindName> {
  /** Unique within a preset, kebab-case: `pretrain-radix-k3`, `finetune-full-uci-sentiment`. */
  readonly id: string;
  readonly kind: K;
  /** Ids of the cells whose outputs this one reads. */
  readonly dependsOn: readonly string[];
  /** Paths (from the workspace root) this cell writes; Nx caches and restores them. */
  readonly outputs: readonly string[];
  /** The cell's settings, as its kind's schema takes them (`src/cells/<kind>-cell.ts`). */
  readonly args: CellArgsInput[K];
}

/**
 * One cell of the experiment grid: a discriminated union over the kinds of `CELL_KINDS`, so a
 * misspelt or missing arg of a cell the grid builds is a type error.
 */
export type Cell = { [K in CellKindName]: CellOf<K> }[CellKindName];

/**
 * What the grid tools need of a cell, typed or read from a file: markers hash it whole, the dry run
 * checks its ids, dependencies and outputs.
 */
export interface CellLike {
  readonly id: string;
  readonly kind: string;
  readonly dependsOn: readonly string[];
  readonly outputs: readonly string[];
  readonly args: unknown;
}

/** A preset's whole grid, as written to `packages/experiments/grid/<preset>.json`. */
export interface Grid {
  readonly preset: string;
  readonly description: string;
  readonly cells: readonly Cell[];
}

/**
 * The cell `id` of a grid, which must be of `kind` (its args typed by it).
 *
 * @throws RangeError when the grid has no such cell, or it is of another kind
 * @example
 * ```ts
 * findCell(buildGrid(EXPERIMENT_PRESETS.mini), 'pretrain-full', 'pretrain').args.steps; // 2000
 * ```
 */
export function findCell<K extends CellKindName>(
  grid: Grid,
  id: string,
  kind: K,
): Extract<Cell, { kind: K }> {
  const cell = grid.cells.find((c): c is Extract<Cell, { kind: K }> => c.id === id && c.kind === kind);
  if (cell === undefined)
    throw new RangeError(`findCell: ${grid.preset} must have a ${kind} cell ${JSON.stringify(id)}; got none`);
  return cell;
}

/** The shape of a grid file, before each cell's args are checked against its kind. */
const GridFileSchema = z.strictObject({
  preset: z.string().min(1),
  description: z.string(),
  cells: z.array(
    z.strictObject({
      id: z.string().min(1),
      kind: z.string().min(1),
      dependsOn: z.array(z.string()),
      outputs: z.array(z.string()),
      args: z.record(z.string(), z.unknown()),
    }),
  ),
});

/**
 * A grid as read from its file: the envelope checked, each cell's args not yet (the `cell` CLI
 * checks one cell's against its kind; `validateGrid` all of them). Key order is the file's, so a
 * cell's hash (its marker, `cell-markers.ts`) is the same as when it was written.
 */
export type GridFile = z.infer<typeof GridFileSchema>;

/** One cell of a {@link GridFile}. */
export type GridFileCell = GridFile['cells'][number];

/**
 * Reads `packages/experiments/grid/<preset>.json` (or any grid file).
 *
 * @throws Error naming the file when it cannot be read; FormatError for bad JSON; TypeError or
 *   RangeError naming the key when it is not a grid
 */
export async function readGridFile(path: string): Promise<GridFile> {
  const json = await readJsonFile('readGridFile', 'the grid file', path);
  return parseWithSchema('readGridFile', GridFileSchema, json, path);
}
