import { writeFileAtomic } from '@ksub/core';
import { getTask } from '@ksub/evaluation';
import { z } from 'zod';
import { provenance, provenanceLine } from '../report/provenance';
import { readResultRows } from '@ksub/training';
import { bestScores, finetuneMinutes, renderTable2 } from '../tables/table2';
import { type CellContext, type CellKind, outputAt } from './cell-kind';
import { isFinished } from './common';

/** A `table` cell's args: Table 2 or 3 from the fine-tuning CSVs of its variants. */
export const TableArgsSchema = z.strictObject({
  table: z.enum(['table2', 'table3']),
  /** The fine-tuning CSVs (one per variant and task). */
  inputs: z.array(z.string().min(1)).readonly(),
  /** The rows, in order (grid variant ids: `full`, `radix-k3`, `clustered-equal-m50`). */
  variants: z.array(z.string().min(1)).min(1).readonly(),
  /** Embedding parameters per variant. */
  params: z.record(z.string(), z.number().int().min(0)).optional(),
});

/** {@link TableArgsSchema}'s type. */
export type TableArgs = z.infer<typeof TableArgsSchema>;

const TITLES = {
  table2: ['Table 2', 'random (Algorithm 1) k-sub-embedding'],
  table3: ['Table 3', 'clustered (Algorithm 2) 3-sub-embedding'],
} as const;

/** Writes the table (Markdown and CSV) from the fine-tuning rows that exist; resolves whether every input was there. */
async function runTable(args: TableArgs, context: CellContext): Promise<boolean> {
  const { preset } = context;
  // a fine-tuning CSV counts once its cell has finished (its marker is written after the last row)
  const present = args.inputs.filter(isFinished);
  const rows = (await Promise.all(present.map(readResultRows))).flat();
  const partial =
    present.length < args.inputs.length
      ? `\n\n**Partial**: ${present.length} of ${args.inputs.length} fine-tuning cells are done; missing: ${args.inputs
          .filter((f) => !present.includes(f))
          .map((f) => f.split('/').pop())
          .join(', ')}.`
      : '';
  const tasks = [...new Set(rows.map((r) => r.task))];
  const primary = Object.fromEntries(tasks.map((t) => [t, getTask(t).metrics[0] ?? '']));
  const table = renderTable2(bestScores(rows, primary), args.variants, tasks, args.params ?? {});
  const [name, what] = TITLES[args.table];
  const facts = {
    preset,
    seed: 1,
    'fine-tuning wall time': `${finetuneMinutes(rows).toFixed(0)} min`,
    'fine-tuning CSVs': `docs/results/${preset}/finetune/`,
  };
  await writeFileAtomic(
    outputAt('table', context, 0, 'the Markdown table'),
    `# ${name} (${preset} preset): ${what} vs the full embedding\n\n` +
      `Best fine-tuning score over the grid (percent; first metric of each task), our delta from the full baseline, and the paper's figure and delta on the GLUE task each offline task stands in for. Made by \`npx nx run experiments:reproduce -- --preset ${preset}\`.${partial}\n\n${table}\n\n${provenanceLine(provenance(), facts)}\n`,
  );
  await writeFileAtomic(
    outputAt('table', context, 1, 'the CSV'),
    ['task,model,metric,value', ...rows.map((r) => `${r.task},${r.model},${r.metric},${r.value}`)].join(
      '\n',
    ) + '\n',
  );
  process.stdout.write(`${table}${partial}\n`);
  return partial === '';
}

/** The `table` cell kind: Tables 2 and 3. */
export const tableCell: CellKind<'table', TableArgs> = {
  kind: 'table',
  schema: TableArgsSchema,
  run: runTable,
};
