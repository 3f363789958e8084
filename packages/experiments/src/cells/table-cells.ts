import { existsSync } from 'node:fs';
import { writeFileAtomic } from '@ksub/core';
import { getTask } from '@ksub/evaluation';
import type { Cell } from '../grid/cell';
import { bestScores, renderTable2 } from '../tables/table2';
import { type Args, readCsv } from './common';

/** Writes the table from the fine-tuning rows that exist; returns whether every input was there. */
export async function tableCell(a: Args, cell: Cell, preset: string): Promise<boolean> {
  const inputs = a['inputs'] as string[];
  // a fine-tuning CSV counts once its cell has finished (its marker is written after the last row)
  const present = inputs.filter((f) => existsSync(f) && existsSync(`${f}.cell.json`));
  const rows = (await Promise.all(present.map(readCsv))).flat();
  const partial =
    present.length < inputs.length
      ? `\n\n**Partial**: ${present.length} of ${inputs.length} fine-tuning cells are done; missing: ${inputs
          .filter((f) => !present.includes(f))
          .map((f) => f.split('/').pop())
          .join(', ')}.`
      : '';
  const tasks = [...new Set(rows.map((r) => r.task))];
  const primary = Object.fromEntries(tasks.map((t) => [t, getTask(t).metrics[0] as string]));
  const table = renderTable2(bestScores(rows, primary), a['variants'] as string[], tasks);
  const [md, csv] = cell.outputs as [string, string];
  await writeFileAtomic(
    md,
    `# ${a['table'] === 'table3' ? 'Table 3' : 'Table 2'} (${preset} preset): ${a['table'] === 'table3' ? 'clustered (Algorithm 2) 3-sub-embedding' : 'random (Algorithm 1) k-sub-embedding'} vs the full embedding\n\n` +
      `Best fine-tuning score over the grid (percent; first metric of each task), our delta from the full baseline, and the paper's figure and delta on the GLUE task each offline task stands in for. Made by \`npx nx run experiments:reproduce -- --preset ${preset}\`.${partial}\n\n${table}\n`,
  );
  await writeFileAtomic(
    csv,
    ['task,model,metric,value', ...rows.map((r) => `${r.task},${r.model},${r.metric},${r.value}`)].join(
      '\n',
    ) + '\n',
  );
  process.stdout.write(`${table}${partial}\n`);
  return partial === '';
}
