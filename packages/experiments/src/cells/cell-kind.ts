import { assert } from '@ksub/core';
import type { z } from 'zod';

/** What a cell's `run` is told besides its args: which grid, which files, how to treat earlier work. */
export interface CellContext {
  /** The grid's preset (`tiny`, `mini`, `paper`), named in titles and provenance. */
  readonly preset: string;
  /** The files the cell writes, as the grid lists them (tables and figures write exactly these). */
  readonly outputs: readonly string[];
  /**
   * Continue from what an interrupted earlier run left (a pretraining's newest checkpoint) rather
   * than refuse it. Grid cells always resume; the stand-alone CLIs on request (`--resume`).
   */
  readonly resume: boolean;
  /** Where the args came from (`grid/mini.json#pretrain-full`, a config file), named in errors. */
  readonly source: string;
}

/**
 * One kind of experiment cell: its name in the grid, the zod schema of its args (which is also
 * where their TypeScript type comes from), and what running a cell of it does. A kind is one module
 * under `src/cells/`; `CELL_KINDS` lists them, and the `cell` CLI, the dry run and the stand-alone
 * CLIs all go through it, so a field of the grid and a CLI flag cannot drift apart.
 *
 * @example
 * ```ts
 * const echoCell: CellKind<'echo', { text: string }> = {
 *   kind: 'echo',
 *   schema: z.strictObject({ text: z.string() }),
 *   run: async (args) => (process.stdout.write(`${args.text}\n`), true),
 * };
 * ```
 */
export interface CellKind<K extends string, Args, Input = Args> {
  /** The `kind` field of the grid's cells. */
  readonly kind: K;
  /** Validates a cell's args (use `z.strictObject`: a misspelt key is an error, not ignored). */
  readonly schema: z.ZodType<Args, Input>;
  /**
   * Runs the cell. Resolves true when it is complete (the grid then marks it done), false when it
   * did what it could but some input was missing (a table drawn from the cells finished so far).
   */
  readonly run: (args: Args, context: CellContext) => Promise<boolean>;
  /**
   * Args that must name something registered (a corpus, tokenizer, allocator, task), each with its
   * registry's list; the dry run checks them after the schema. An arg left out is not checked.
   */
  readonly registered?: { readonly [A in keyof Args]?: () => readonly string[] };
  /**
   * Other problems the schema cannot see, for the dry run (a pretraining config's rules across
   * fields). Each is one line without the cell id.
   */
  readonly check?: (args: Args) => readonly string[];
}

/**
 * The `index`-th of a cell's outputs (tables and figures write to the paths the grid lists).
 *
 * @throws RangeError naming the output when the grid lists fewer
 */
export function outputAt(fn: string, context: CellContext, index: number, what: string): string {
  const path = context.outputs[index];
  assert(
    path !== undefined,
    () => `${fn}: outputs must list ${what} at position ${index}; got ${context.outputs.length} outputs`,
    RangeError,
  );
  return path;
}

/**
 * Problem lines for the args of {@link CellKind.registered} that name nothing registered
 * (`task "sst-9" is not one of …`), in the order the kind lists them.
 *
 * @example
 * ```ts
 * registeredProblems({ task: 'sst-9' }, { task: listTasks }); // ['task "sst-9" is not one of bible-paraphrase, …']
 * ```
 */
export function registeredProblems<Args>(
  args: Args,
  registered: { readonly [A in keyof Args]?: () => readonly string[] },
): string[] {
  const problems: string[] = [];
  for (const key in registered) {
    const list = registered[key];
    const value = args[key];
    if (list === undefined || typeof value !== 'string') continue;
    const known = list();
    if (!known.includes(value))
      problems.push(`${key} ${JSON.stringify(value)} is not one of ${known.join(', ')}`);
  }
  return problems;
}
