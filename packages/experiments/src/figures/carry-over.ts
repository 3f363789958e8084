import { createReadStream, existsSync } from 'node:fs';
import { parse } from '@fast-csv/parse';

/** Rows of an earlier figure CSV kept for models whose run directory is gone, by model. */
export interface CarriedRows {
  /** Model name → that model's data rows (the CSV's lines without the model column), in file order. */
  readonly rows: ReadonlyMap<string, readonly string[][]>;
}

/**
 * Reads the rows of `csvPath` (a figure CSV whose first column is `model`) for the models in
 * `absent`: models of the figure whose run directory no longer exists but whose data an earlier
 * rendering of the same figure wrote. A figure drawn mid-grid, or after a machine lost its run
 * directories, then keeps those models instead of silently dropping them; models that are present
 * are always recomputed, so a retrained model never shows stale data.
 *
 * @param csvPath the figure's CSV (missing: nothing is carried)
 * @param header the CSV header the figure writes; a file with another header is an error
 * @param absent the figure's models without a run directory
 */
export async function carryOver(
  csvPath: string,
  header: string,
  absent: readonly string[],
): Promise<CarriedRows> {
  const rows = new Map<string, string[][]>();
  if (!existsSync(csvPath) || absent.length === 0) return { rows };
  const wanted = new Set(absent);
  const width = header.split(',').length;
  let line = 0;
  for await (const cells of createReadStream(csvPath).pipe(parse({ headers: false })) as AsyncIterable<
    string[]
  >) {
    line++;
    if (line === 1) {
      if (cells.join(',') !== header) {
        throw new Error(
          `carryOver: ${csvPath} starts with "${cells.join(',')}", expected the header "${header}"`,
        );
      }
      continue;
    }
    if (cells.length !== width) {
      throw new Error(
        `carryOver: ${csvPath} line ${line} has ${cells.length} fields, expected ${width}: "${cells.join(',')}"`,
      );
    }
    const [model, ...rest] = cells as [string, ...string[]];
    if (!wanted.has(model)) continue;
    const list = rows.get(model) ?? [];
    list.push(rest);
    rows.set(model, list);
  }
  return { rows };
}

/** Parses a carried field as a finite number, naming the file's model and field when it is not one. */
export function carriedNumber(value: string | undefined, model: string, field: string): number {
  const x = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(x)) {
    throw new Error(`carryOver: model ${model} has ${field}=${JSON.stringify(value)}, not a finite number`);
  }
  return x;
}
