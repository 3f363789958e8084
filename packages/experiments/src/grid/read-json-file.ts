import { readFile } from 'node:fs/promises';
import { FormatError, withFileContext } from '@ksub/core';

/**
 * The JSON value of a file (a grid, a pretraining config), unchecked: validate it with its schema.
 *
 * @param fn - the caller, first word of a JSON error (`pretrain`, `readGridFile`)
 * @param what - the file in words, for messages (`the --config file`, `the grid file`)
 * @throws Error naming the file when it cannot be read (`cannot read the grid file X: does not
 *   exist`); FormatError naming it when it is not JSON
 * @example
 * ```ts
 * const json = await readJsonFile('pretrain', 'the --config file', 'configs/tiny.json');
 * ```
 */
export async function readJsonFile(fn: string, what: string, path: string): Promise<unknown> {
  const text = await withFileContext(`read ${what}`, path, () => readFile(path, 'utf8'));
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FormatError(`${fn}: ${what} ${path} is not valid JSON (${reason})`);
  }
}
