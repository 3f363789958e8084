import { join, resolve } from 'node:path';
import { writeFileAtomic } from '@ksub/core/node';
import { computeTable1 } from '../table1/compute-table1';
import { renderTable1Csv, renderTable1Markdown } from '../table1/render-table1';
import { table1Report } from '../table1/table1-report';
import { parseCli } from './parse-cli';

const USAGE = `usage: npx nx run experiments:table1 -- [--out DIR]
  Table 1 of the paper (rows per table, embedding and total parameters of RoBERTa-medium and
  XLM-R-medium per k), ours beside the paper's; prints it and writes DIR/table1.md and
  DIR/table1.csv (default DIR: docs/results).`;

/** `nx run experiments:table1 [-- --out DIR]`: prints Table 1 and writes table1.md and table1.csv. */
async function main(): Promise<void> {
  const values = parseCli('table1', USAGE, { out: { type: 'string', default: 'docs/results' } });
  if (values === undefined) return;
  const out = resolve(values.out as string);
  const rows = await computeTable1();
  process.stdout.write(
    `Table 1 (ours vs the paper; ✓ agrees at the paper's precision)\n\n${renderTable1Markdown(rows)}\n`,
  );
  await writeFileAtomic(join(out, 'table1.md'), table1Report(rows));
  await writeFileAtomic(join(out, 'table1.csv'), await renderTable1Csv(rows));
  process.stdout.write(`wrote ${join(out, 'table1.md')} and ${join(out, 'table1.csv')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`table1: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
