import { parseWithSchema } from '@ksub/core';
import type { z } from 'zod';
import { allocateCell } from './allocate-cell';
import { baselineCell } from './baseline-cell';
import { type CellContext, type CellKind, registeredProblems } from './cell-kind';
import { compressCell } from './compress-cell';
import { corpusCell } from './corpus-cell';
import { curvesCell } from './curves-cell';
import { directionTableCell } from './direction-table-cell';
import { figureCell } from './figure-cell';
import { finetuneCell } from './finetune-cell';
import { mlmPositionsCell } from './mlm-positions-cell';
import { pretrainCell } from './pretrain-cell';
import { snapshotCell } from './snapshot-cell';
import { table4Cell } from './table4-cell';
import { tableCell } from './table-cell';

/**
 * Every kind of experiment cell, by the `kind` its cells carry in the grid. Adding a kind is one
 * module under `src/cells/` and one line here: the grid's `Cell` type, the `cell` CLI and the dry
 * run all follow from this map.
 */
export const CELL_KINDS = {
  corpus: corpusCell,
  allocate: allocateCell,
  pretrain: pretrainCell,
  finetune: finetuneCell,
  baseline: baselineCell,
  'mlm-positions': mlmPositionsCell,
  compress: compressCell,
  table: tableCell,
  'direction-table': directionTableCell,
  table4: table4Cell,
  figure: figureCell,
  snapshot: snapshotCell,
  curves: curvesCell,
} as const;

/** A cell kind's name: a key of {@link CELL_KINDS}. */
export type CellKindName = keyof typeof CELL_KINDS;

/** A cell kind's args as its `run` gets them (defaults filled), by kind. */
export type CellArgs = { [K in CellKindName]: z.output<(typeof CELL_KINDS)[K]['schema']> };

/** A cell kind's args as a grid writes them (defaulted fields optional), by kind. */
export type CellArgsInput = { [K in CellKindName]: z.input<(typeof CELL_KINDS)[K]['schema']> };

// the map seen through one mapped type, so that indexing it with a generic K keeps K's args
// (TypeScript's pattern for correlated unions)
const KINDS: { readonly [K in CellKindName]: CellKind<K, CellArgs[K], CellArgsInput[K]> } = CELL_KINDS;

/** Whether `kind` names a cell kind of {@link CELL_KINDS}. */
export function isCellKindName(kind: string): kind is CellKindName {
  return Object.hasOwn(CELL_KINDS, kind);
}

/**
 * A cell's args checked against its kind's schema, typed.
 *
 * @param source - where the args came from (`grid/mini.json#pretrain-full`), named in errors
 * @throws TypeError for an unknown key or a wrong type, RangeError for a value out of range; both
 *   name the key and the value
 * @example
 * ```ts
 * parseCellArgs('allocate', { out: 'x.alloc' }).method; // 'radix', the schema's default
 * parseCellArgs('allocate', { methd: 'radix', out: 'x.alloc' }); // TypeError: allocate args: unknown key "methd"
 * ```
 */
export function parseCellArgs<K extends CellKindName>(kind: K, args: unknown, source?: string): CellArgs[K] {
  return parseWithSchema(`${kind} args`, KINDS[kind].schema, args, source);
}

/**
 * Validates a cell's args and runs it; resolves whether it completed (see {@link CellKind.run}).
 *
 * @throws the errors of {@link parseCellArgs}, then whatever the run throws
 */
export async function runCellKind<K extends CellKindName>(
  kind: K,
  args: unknown,
  context: CellContext,
): Promise<boolean> {
  return KINDS[kind].run(parseCellArgs(kind, args, context.source), context);
}

/**
 * What the dry run finds wrong with a cell's args: the schema's complaint (one line), else the
 * kind's registered names and own checks (rules across fields). Empty when nothing is wrong.
 */
export function cellArgsProblems<K extends CellKindName>(kind: K, args: unknown): readonly string[] {
  let parsed: CellArgs[K];
  try {
    parsed = parseCellArgs(kind, args);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  const { registered = {}, check } = KINDS[kind];
  return [...registeredProblems(parsed, registered), ...(check?.(parsed) ?? [])];
}
