import { parseArgs } from 'node:util';
import { writeFileAtomic } from '@ksub/core/node';
import { initBackend } from '@ksub/tensor';
import { corpusCases } from '../fault-drill/cases-corpus';
import { loaderCases } from '../fault-drill/cases-loaders';
import { runCases } from '../fault-drill/cases-runs';
import { taskCases } from '../fault-drill/cases-tasks';
import type { DrillCase } from '../fault-drill/drill-case';
import { drillTable, runDrill } from '../fault-drill/run-drill';

const USAGE = `usage: nx run experiments:fault-drill -- [--only ID[,ID…]] [--list] [--out FILE.md]
  Runs the adversarial cases of docs/reliability.md against the real CLIs and loaders, each in a
  fresh temporary directory, and prints a table; exits 1 if any case does not behave as it must.`;

const ALL: readonly DrillCase[] = [...corpusCases, ...runCases, ...loaderCases, ...taskCases].sort((a, b) =>
  String(a.defect).localeCompare(String(b.defect), 'en', { numeric: true }),
);

/** `nx run experiments:fault-drill`: rerun the reliability cases. */
async function main(): Promise<void> {
  const text = { type: 'string' } as const;
  const flag = { type: 'boolean', default: false } as const;
  const { values } = parseArgs({ options: { only: text, list: flag, out: text, help: flag } });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.list === true) {
    for (const c of ALL) process.stdout.write(`${c.id}  (defect ${c.defect}) ${c.action}\n`);
    return;
  }
  let cases = ALL;
  if (values.only !== undefined) {
    const wanted = values.only.split(',');
    const unknown = wanted.filter((id) => !ALL.some((c) => c.id === id));
    if (unknown.length > 0)
      throw new RangeError(`fault-drill: --only names unknown cases ${unknown.join(', ')}; see --list`);
    cases = ALL.filter((c) => wanted.includes(c.id));
  }
  await initBackend({ log: null });
  const rows = await runDrill(cases, (r) =>
    process.stderr.write(
      `${r.outcome.ok ? 'pass' : 'FAIL'}  ${r.case.id} (${r.seconds.toFixed(1)} s): ${r.outcome.observed}\n`,
    ),
  );
  const table = drillTable(rows);
  process.stdout.write(`\n${table}`);
  if (values.out !== undefined) await writeFileAtomic(values.out, table);
  const failed = rows.filter((r) => !r.outcome.ok).length;
  process.stdout.write(`\n${rows.length - failed} passed, ${failed} failed\n`);
  if (failed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`fault-drill: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
