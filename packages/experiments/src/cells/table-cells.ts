import { createReadStream, existsSync } from 'node:fs';
import { writeFileAtomic } from '@ksub/core';
import { getTask } from '@ksub/evaluation';
import type { Cell } from '../grid/cell';
import { bestScores, finetuneMinutes, renderTable2 } from '../tables/table2';
import { parse } from '@fast-csv/parse';
import { minimalRows } from '@ksub/index-mapping';
import { provenance, provenanceLine } from '../report/provenance';
import { type ProtocolRow, renderTable4, selectProtocolScores } from '../tables/table4';
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
  const table = renderTable2(
    bestScores(rows, primary),
    a['variants'] as string[],
    tasks,
    (a['params'] as Record<string, number> | undefined) ?? {},
  );
  const [md, csv] = cell.outputs as [string, string];
  await writeFileAtomic(
    md,
    `# ${a['table'] === 'table3' ? 'Table 3' : 'Table 2'} (${preset} preset): ${a['table'] === 'table3' ? 'clustered (Algorithm 2) 3-sub-embedding' : 'random (Algorithm 1) k-sub-embedding'} vs the full embedding\n\n` +
      `Best fine-tuning score over the grid (percent; first metric of each task), our delta from the full baseline, and the paper's figure and delta on the GLUE task each offline task stands in for. Made by \`npx nx run experiments:reproduce -- --preset ${preset}\`.${partial}\n\n${table}\n\n${provenanceLine(provenance(), { preset, seed: 1, 'fine-tuning wall time': `${finetuneMinutes(rows).toFixed(0)} min`, 'fine-tuning CSVs': `docs/results/${preset}/finetune/` })}\n`,
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

async function readProtocolRows(path: string): Promise<ProtocolRow[]> {
  const rows: ProtocolRow[] = [];
  for await (const r of createReadStream(path).pipe(parse({ headers: true })) as AsyncIterable<
    Record<string, string>
  >)
    rows.push({
      task: r['task'] as string,
      lr: Number(r['lr']),
      batch: Number(r['batch']),
      seed: Number(r['seed']),
      epoch: Number(r['epoch']),
      metric: r['metric'] as string,
      value: Number(r['value']),
    });
  return rows;
}

/** Table 4: per-language accuracy of each multilingual variant under both protocols; whether every input was there. */
export async function table4Cell(a: Args, cell: Cell, preset: string): Promise<boolean> {
  const inputs = a['inputs'] as string[];
  const variants = a['variants'] as string[];
  const protocols = a['protocols'] as string[];
  const languages = a['languages'] as string[];
  const present = (f: string) => existsSync(f) && existsSync(`${f}.cell.json`);
  const rowsOf: Record<string, string> = {
    full: (a['vocabSize'] as number).toLocaleString('en-US'),
    'radix-k3': String(minimalRows(a['vocabSize'] as number, 3)),
  };
  for (const v of variants) if (v.startsWith('clustered')) rowsOf[v] = String(a['clusteredRows']);
  const sections: string[] = [];
  const csv = ['protocol,model,language,accuracy'];
  for (const protocol of protocols) {
    const scores = new Map<string, Map<string, number>>();
    for (const v of variants) {
      const file = inputs.find((f) => f.endsWith(`/ml-${v}-${protocol}.csv`));
      if (file === undefined || !present(file)) continue;
      const chosen = selectProtocolScores(await readProtocolRows(file));
      scores.set(v, chosen);
      for (const [l, acc] of chosen) csv.push(`${protocol},${v},${l},${acc}`);
    }
    const paperProtocol = protocol === 'cross-lingual' ? 'cross-lingual' : 'train-all';
    sections.push(renderTable4(paperProtocol, scores, variants, languages, rowsOf));
  }
  const missing = inputs.filter((f) => !present(f));
  const note =
    missing.length > 0
      ? `\n\n**Partial**: ${inputs.length - missing.length} of ${inputs.length} fine-tuning cells are done; missing: ${missing.map((f) => f.split('/').pop()).join(', ')}.` +
        (a['suite'] === 'libreoffice'
          ? ' The LibreOffice suite needs `npx nx run evaluation:setup-debian`.'
          : ' XNLI needs the GLUE MNLI, XNLI-1.0 and XNLI-MT-1.0 files under data/.')
      : '';
  const suite =
    a['suite'] === 'libreoffice'
      ? 'the LibreOffice-help module suite (9 classes; English dev selects, every language scored on its dev pages)'
      : 'XNLI (XNLI dev selects, test accuracy per language)';
  const md =
    `# Table 4 (${preset} preset): the multilingual model, full vs 3-sub-embedding\n\n` +
    `Accuracy (percent) per language on ${suite}, under cross-lingual transfer (fine-tuned on English) and ${protocols[1]} (fine-tuned on every language). ` +
    `Each row is reported at the one grid cell and epoch chosen on the selection evaluation. The paper's rows are its XNLI figures for the same languages; * marks its 15-language average. ` +
    `Our vocabulary is o200k (${rowsOf['full']} tokens), the offline stand-in for XLM-R's 250k. Made by \`npx nx run experiments:reproduce -- --preset ${preset}\`.${note}\n\n` +
    `${sections.join('\n\n')}\n\n${provenanceLine(provenance(), { preset })}\n`;
  const [mdPath, csvPath] = cell.outputs as [string, string];
  await writeFileAtomic(mdPath, md);
  await writeFileAtomic(csvPath, `${csv.join('\n')}\n`);
  process.stdout.write(`${sections.join('\n\n')}${note}\n`);
  return missing.length === 0;
}
