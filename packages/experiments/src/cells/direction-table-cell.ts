import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@ksub/core/node';
import { getTask, type MetricName } from '@ksub/evaluation';
import { initBackend } from '@ksub/tensor';
import { z } from 'zod';
import type { CompressionRecord } from '../direction/compression-record';
import { directionFigureSpec } from '../direction/direction-figure';
import {
  directionCsv,
  directionVersusSvd,
  renderFinetuneTable,
  renderPerplexityTable,
  TIE_TOLERANCE,
} from '../direction/direction-table';
import { renderSvg } from '../plots/render-svg';
import { provenance, provenanceLine } from '../report/provenance';
import { directionEvidence } from '../direction/direction-evidence';
import { bestScores } from '../tables/table2';
import { type CellContext, type CellKind, outputAt } from './cell-kind';
import { isFinished } from './common';
import { readFinetuneResults } from '../tables/evidence/read-finetune-results';

/** A `direction-table` cell's args: the seed-001 records and fine-tuning CSVs. */
export const DirectionTableArgsSchema = z.strictObject({
  /** The `compress` cells' records. */
  records: z.array(z.string().min(1)).readonly(),
  /** Fine-tuning CSVs: the full baseline's and the compressed models' at `finetuneRatio`. */
  finetune: z.array(z.string().min(1)).readonly(),
  /** Row label per model (`full`, `svd-r12`). */
  labels: z.record(z.string(), z.string()),
  finetuneRatio: z.number().positive(),
});

/** {@link DirectionTableArgsSchema}'s type. */
export type DirectionTableArgs = z.infer<typeof DirectionTableArgsSchema>;

/** The seed-001 table: perplexity after the swap, fine-tuning, the figure; resolves whether every input was there. */
async function runDirectionTable(args: DirectionTableArgs, context: CellContext): Promise<boolean> {
  await initBackend();
  const { preset } = context;
  const recordFiles = args.records.filter(isFinished);
  const records = await Promise.all(
    recordFiles.map(async (f) => JSON.parse(await readFile(f, 'utf8')) as CompressionRecord),
  );
  const { rows, predictions } = await readFinetuneResults(args.finetune);
  const missing = [...args.records, ...args.finetune].filter((f) => !isFinished(f));
  const tasks = [...new Set(rows.map((r) => r.task))];
  const primary = Object.fromEntries(tasks.map((t) => [t, getTask(t).metrics[0] ?? '']));
  const labels = new Map(Object.entries(args.labels));
  const comparison = directionVersusSvd(records);
  const evidence = await directionEvidence(
    records.map((r, i) => ({ method: r.method, rank: r.rank, file: recordFiles[i] as string })),
    rows,
    predictions,
    Object.keys(args.labels),
    primary as Record<string, MetricName>,
  );
  // models fine-tuned only under the earlier protocol (no test rows yet)
  const tested = new Set(rows.filter((r) => r.split === 'test').map((r) => `${r.model}|${r.task}`));
  const legacy = rows.filter((r) => !tested.has(`${r.model}|${r.task}`));
  const heldOut =
    evidence.sections.length === 0
      ? ''
      : `${evidence.sections.join('\n\n')}\n\n## What these numbers support (generated)\n\n${
          evidence.claims.length === 0
            ? 'Nothing yet: no compressed model has been fine-tuned under the held-out protocol.'
            : evidence.claims.map((c) => `- ${c}`).join('\n')
        }\n\n`;
  const first = records[0];
  const note =
    missing.length > 0
      ? `\n\n**Partial**: missing ${missing.map((f) => f.split('/').pop()).join(', ')}.`
      : '';
  const md =
    `# Seed 001 (${preset} preset): post-hoc compression of the trained baseline's token embedding\n\n` +
    `The full baseline's N × d embedding matrix is compressed without further pretraining — truncated SVD, or a linear AutoEncoder trained with the squared error or with the direction paper's cosine-weighted loss — and swapped into the model (the tied MLM decoder with it). ` +
    `Each model is scored on the same ${first?.positions ?? '—'} masked validation positions as the baseline's pretraining run. ` +
    `Code sizes follow the direction paper's compression ratios N·d / (N·r + r·d). Made by \`npx nx run experiments:reproduce -- --preset ${preset}\`.${note}\n\n` +
    `## Masked-LM perplexity right after the swap\n\n${renderPerplexityTable(records)}\n\n` +
    `The Δ perplexity column has no interval: these records keep each model's mean loss over the positions, not the per-position losses a paired interval needs.\n\n` +
    `**The paper's claim** (the direction loss gives a lower initial perplexity than SVD), checked per code size (differences under ${100 * TIE_TOLERANCE}% count as ties):\n\n${comparison.map((l) => `- ${l}`).join('\n') || '- no code size has both yet'}\n\n` +
    `![perplexity after the swap against embedding parameters](table-direction.svg)\n\n` +
    heldOut +
    `## Fine-tuning, earlier protocol (best dev score of the grid, percent, one seed) at ratio ${args.finetuneRatio}\n\n${renderFinetuneTable(bestScores(legacy, primary), labels, tasks)}\n\n` +
    `Every embedding weight (codes, decoder, bias) trains during fine-tuning, for SVD and the AutoEncoders alike (the direction paper froze both SVD factors but only the AutoEncoder's codes).\n\n` +
    `${provenanceLine(provenance(), { preset, seed: first?.provenance.seed ?? '—', 'records from commit': [...new Set(records.map((r) => r.provenance.commit))].join(', ') || '—' })}\n`;
  await writeFileAtomic(outputAt('direction-table', context, 0, 'the Markdown table'), md);
  await writeFileAtomic(outputAt('direction-table', context, 1, 'the CSV'), directionCsv(records));
  const title = `Seed 001 (${preset}): perplexity after swapping in a compressed embedding`;
  await writeFileAtomic(
    outputAt('direction-table', context, 2, 'the figure'),
    await renderSvg(directionFigureSpec(records, title)),
  );
  process.stdout.write(`${renderPerplexityTable(records)}${note}\n`);
  return missing.length === 0;
}

/** The `direction-table` cell kind: the seed-001 table and figure. */
export const directionTableCell: CellKind<'direction-table', DirectionTableArgs> = {
  kind: 'direction-table',
  schema: DirectionTableArgsSchema,
  run: runDirectionTable,
};
