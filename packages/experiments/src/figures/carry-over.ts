import { existsSync, readFileSync } from 'node:fs';

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
export function carryOver(csvPath: string, header: string, absent: readonly string[]): CarriedRows {
  const rows = new Map<string, string[][]>();
  if (!existsSync(csvPath) || absent.length === 0) return { rows };
  const lines = readFileSync(csvPath, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  if (lines[0] !== header) {
    throw new Error(`carryOver: ${csvPath} starts with "${lines[0] ?? ''}", expected the header "${header}"`);
  }
  const wanted = new Set(absent);
  const width = header.split(',').length;
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',');
    if (cells.length !== width) {
      throw new Error(
        `carryOver: ${csvPath} line ${i + 2} has ${cells.length} fields, expected ${width}: "${line}"`,
      );
    }
    const [model, ...rest] = cells as [string, ...string[]];
    if (!wanted.has(model)) return;
    const list = rows.get(model) ?? [];
    list.push(rest);
    rows.set(model, list);
  });
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
