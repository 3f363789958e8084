import { readFile } from 'node:fs/promises';
import { assert, describe, fileError, FormatError } from '@ksub/core';
import { writeFileAtomic } from '@ksub/core/node';
import type { MlmPositions } from './mlm-positions';

/** Columns of a positions CSV, in order. */
export const POSITION_COLUMNS = ['sequence', 'position', 'token', 'loss', 'correct', 'unigram_loss'] as const;

const HEADER = POSITION_COLUMNS.join(',');

/**
 * The text of a positions CSV: the header {@link POSITION_COLUMNS}, then one line per masked
 * position; losses with 6 significant digits (a relative rounding of at most 5e-6, far below any
 * difference between models worth reporting), integers as they are.
 *
 * @throws RangeError when the columns of `positions` differ in length
 * @example
 * ```ts
 * formatPositionsCsv(positions).split('\n')[1]; // '0,3,1437,7.81236,0,6.10544'
 * ```
 */
export function formatPositionsCsv(positions: MlmPositions): string {
  const n = positions.sequence.length;
  for (const column of ['position', 'token', 'loss', 'correct', 'unigramLoss'] as const)
    assert(
      positions[column].length === n,
      () =>
        `formatPositionsCsv: positions.${column} must have ${n} entries, as positions.sequence; got ${positions[column].length}`,
      RangeError,
    );
  const lines = [HEADER];
  for (let i = 0; i < n; i++)
    lines.push(
      `${positions.sequence[i]},${positions.position[i]},${positions.token[i]},${(positions.loss[i] as number).toPrecision(6)},${positions.correct[i]},${(positions.unigramLoss[i] as number).toPrecision(6)}`,
    );
  return `${lines.join('\n')}\n`;
}

/**
 * Writes {@link formatPositionsCsv}'s text to `path`, atomically.
 *
 * @throws as {@link formatPositionsCsv}; Error naming the file when it cannot be written
 * @example
 * ```ts
 * await writePositionsCsv('docs/results/mini/positions-full.csv', positions);
 * ```
 */
export async function writePositionsCsv(path: string, positions: MlmPositions): Promise<void> {
  const text = formatPositionsCsv(positions);
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    throw fileError(error, 'write the positions CSV', path);
  }
}

/** Parses one field: an integer in [min, max], or a loss (a number ≥ 0). */
function field(
  where: string,
  column: string,
  text: string,
  kind: 'integer' | 'loss',
  max = 2 ** 31 - 1,
): number {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  const ok = kind === 'loss' ? value >= 0 : Number.isInteger(value) && value >= 0 && value <= max;
  if (!ok)
    throw new FormatError(
      `${where}: ${column} must be ${kind === 'loss' ? 'a number ≥ 0' : `an integer in [0, ${max}]`}; got ${describe(text)}`,
    );
  return value;
}

/**
 * Parses the text of a positions CSV ({@link formatPositionsCsv}); `source` names it in errors.
 *
 * @throws FormatError when the header is not {@link POSITION_COLUMNS}, or naming the first bad
 *   line by number (the header is line 1): a wrong number of fields, a field that is not a
 *   non-negative integer (`correct`: 0 or 1) or a loss ≥ 0
 * @example
 * ```ts
 * parsePositionsCsv('sequence,position,token,loss,correct,unigram_loss\n0,3,1437,7.81,0,6.1\n').loss; // [7.81]
 * ```
 */
export function parsePositionsCsv(text: string, source = 'positions CSV'): MlmPositions {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const first = (lines[0] ?? '').replace(/\r$/, '');
  if (first !== HEADER)
    throw new FormatError(
      `parsePositionsCsv: ${source} must start with the header ${HEADER}; got ${describe(first.slice(0, 120))}`,
    );
  const n = lines.length - 1;
  const out = {
    sequence: new Int32Array(n),
    position: new Int32Array(n),
    token: new Int32Array(n),
    loss: new Float64Array(n),
    correct: new Uint8Array(n),
    unigramLoss: new Float64Array(n),
    source,
  };
  for (let i = 0; i < n; i++) {
    const where = `parsePositionsCsv: ${source}:${i + 2}`;
    const f = (lines[i + 1] as string).replace(/\r$/, '').split(',');
    if (f.length !== POSITION_COLUMNS.length)
      throw new FormatError(`${where}: must have ${POSITION_COLUMNS.length} fields; got ${f.length}`);
    const [sequence, position, token, loss, correct, unigramLoss] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    out.sequence[i] = field(where, 'sequence', sequence, 'integer');
    out.position[i] = field(where, 'position', position, 'integer');
    out.token[i] = field(where, 'token', token, 'integer');
    out.loss[i] = field(where, 'loss', loss, 'loss');
    out.correct[i] = field(where, 'correct', correct, 'integer', 1);
    out.unigramLoss[i] = field(where, 'unigram_loss', unigramLoss, 'loss');
  }
  return out;
}

/**
 * Reads a positions CSV that {@link writePositionsCsv} wrote; the result's `source` is `path`.
 *
 * @throws Error naming the file when it cannot be read; FormatError as {@link parsePositionsCsv}
 * @example
 * ```ts
 * const full = await readPositionsCsv('docs/results/mini/positions-full.csv');
 * ```
 */
export async function readPositionsCsv(path: string): Promise<MlmPositions> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw fileError(error, 'read the positions CSV', path);
  }
  return parsePositionsCsv(text, path);
}
