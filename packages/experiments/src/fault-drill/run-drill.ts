import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DrillCase, DrillOutcome } from './drill-case';

/** One row of a drill report. */
export interface DrillRow {
  readonly case: DrillCase;
  readonly outcome: DrillOutcome;
  readonly seconds: number;
}

/**
 * Runs drill cases one after another, each in its own fresh temporary directory (removed
 * afterwards); a case that throws counts as failed, with the error as what was observed.
 *
 * @param onRow - called after each case, for live output
 */
export async function runDrill(
  cases: readonly DrillCase[],
  onRow: (row: DrillRow) => void = () => undefined,
): Promise<DrillRow[]> {
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.id)) throw new RangeError(`runDrill: case id ${JSON.stringify(c.id)} appears twice`);
    ids.add(c.id);
  }
  const rows: DrillRow[] = [];
  for (const c of cases) {
    const dir = await mkdtemp(join(tmpdir(), `ksub-drill-${c.id}-`));
    const started = performance.now();
    let outcome: DrillOutcome;
    try {
      outcome = await c.run(dir);
    } catch (error) {
      outcome = { ok: false, observed: `the case itself threw: ${(error as Error).message}` };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const row = { case: c, outcome, seconds: (performance.now() - started) / 1000 };
    rows.push(row);
    onRow(row);
  }
  return rows;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The drill's result as a Markdown table: defect, case, action, expected, observed, pass/fail. */
export function drillTable(rows: readonly DrillRow[]): string {
  const head =
    '| defect | case | what the user does | what must happen | observed | result |\n|---|---|---|---|---|---|\n';
  return (
    head +
    rows
      .map(
        (r) =>
          `| ${r.case.defect} | \`${r.case.id}\` | ${cell(r.case.action)} | ${cell(r.case.expected)} | ${cell(r.outcome.observed)} | ${r.outcome.ok ? 'pass' : '**FAIL**'} |`,
      )
      .join('\n') +
    '\n'
  );
}
