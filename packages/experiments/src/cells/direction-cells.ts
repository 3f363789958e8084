import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { lockRunDirectory, writeFileAtomic } from '@ksub/core';
import { getTask } from '@ksub/evaluation';
import { getTokenizer } from '@ksub/tokenizers';
import { evaluateMlm, UnigramBaseline } from '@ksub/training';
import { loadMaskedLm, saveMaskedLm } from '@ksub/transformer';
import { type CompressionMethod, compressModel } from '../direction/compress-model';
import type { CompressionRecord } from '../direction/compression-record';
import { directionFigureSpec } from '../direction/direction-figure';
import {
  directionVersusSvd,
  directionCsv,
  renderFinetuneTable,
  renderPerplexityTable,
  TIE_TOLERANCE,
} from '../direction/direction-table';
import type { Cell } from '../grid/cell';
import { renderSvg } from '../plots/render-svg';
import { provenance, provenanceLine } from '../report/provenance';
import { bestScores } from '../tables/table2';
import { type Args, ensureParent, readCsv, readSplits } from './common';

/** Seed 001: compress the trained baseline's embedding, swap it in, score the masked LM before and after. */
export async function compressCell(a: Args, preset: string): Promise<void> {
  // one writer per compression run directory (its model and record)
  const lock = await lockRunDirectory(dirname(a['outModel'] as string), 'compress');
  try {
    await compressLocked(a, preset);
  } finally {
    await lock.release();
  }
}

async function compressLocked(a: Args, preset: string): Promise<void> {
  const started = performance.now();
  const tokenizer = await getTokenizer('roberta-gpt2');
  const { train, validation } = await readSplits(
    a['corpus'] as string,
    tokenizer,
    a['evalSequences'] as number,
  );
  const unigram = new UnigramBaseline(train, tokenizer.vocabSize, (id) => tokenizer.isSpecial(id));
  const seed = a['seed'] as number;
  const scoring = { tokenizer, seed, batchSize: a['batchSize'] as number, unigram };
  const baseline = await loadMaskedLm(a['model'] as string);
  try {
    const before = evaluateMlm(baseline, validation, scoring);
    const method = a['method'] as CompressionMethod;
    const rank = a['rank'] as number;
    const compressed = await compressModel(
      baseline,
      method,
      rank,
      a['autoencoder'] as Record<string, number>,
    );
    try {
      const after = evaluateMlm(compressed.model, validation, scoring);
      await saveMaskedLm(a['outModel'] as string, compressed.model);
      const { loss, perplexity, accuracy } = after;
      const p = provenance();
      const record: CompressionRecord = {
        method,
        rank,
        targetRatio: a['ratio'] as number,
        params: compressed.report.params,
        fullParams: baseline.embedding.paramCount(),
        ratio: compressed.report.ratio,
        meanCosine: compressed.report.meanCosine,
        relativeFrobenius: compressed.report.relativeFrobenius,
        baseline: { loss: before.loss, perplexity: before.perplexity, accuracy: before.accuracy },
        swapped: { loss, perplexity, accuracy },
        unigramLoss: after.unigramLoss as number,
        positions: after.positions,
        history: compressed.history,
        provenance: {
          commit: p.commit,
          preset,
          seed,
          backend: p.backend,
          compressSeconds: compressed.seconds,
          wallSeconds: (performance.now() - started) / 1000,
          date: p.date,
        },
      };
      await writeFileAtomic(await ensureParent(a['out'] as string), `${JSON.stringify(record, null, 2)}\n`);
      process.stdout.write(
        `compress ${method} r=${rank}: ${record.params} parameters (ratio ${record.ratio.toFixed(1)}), mean cosine ${record.meanCosine.toFixed(3)}; ` +
          `MLM perplexity ${before.perplexity.toFixed(1)} → ${perplexity.toFixed(1)} on ${after.positions} masked positions\n`,
      );
    } finally {
      compressed.model.dispose();
    }
  } finally {
    baseline.dispose();
  }
}

/** The seed-001 table: perplexity after the swap, fine-tuning, the figure; whether every input was there. */
export async function directionTableCell(a: Args, cell: Cell, preset: string): Promise<boolean> {
  const recordFiles = a['records'] as string[];
  const csvFiles = a['finetune'] as string[];
  const present = (f: string) => existsSync(f) && existsSync(`${f}.cell.json`);
  const records = await Promise.all(
    recordFiles.filter(present).map(async (f) => JSON.parse(await readFile(f, 'utf8')) as CompressionRecord),
  );
  const rows = (await Promise.all(csvFiles.filter(present).map(readCsv))).flat();
  const missing = [...recordFiles, ...csvFiles].filter((f) => !present(f));
  const tasks = [...new Set(rows.map((r) => r.task))];
  const primary = Object.fromEntries(tasks.map((t) => [t, getTask(t).metrics[0] as string]));
  const labels = new Map(Object.entries(a['labels'] as Record<string, string>));
  const comparison = directionVersusSvd(records);
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
    `**The paper's claim** (the direction loss gives a lower initial perplexity than SVD), checked per code size (differences under ${100 * TIE_TOLERANCE}% count as ties):\n\n${comparison.map((l) => `- ${l}`).join('\n') || '- no code size has both yet'}\n\n` +
    `![perplexity after the swap against embedding parameters](table-direction.svg)\n\n` +
    `## Fine-tuning (best of the grid, percent) at ratio ${a['finetuneRatio'] as number}\n\n${renderFinetuneTable(bestScores(rows, primary), labels, tasks)}\n\n` +
    `Every embedding weight (codes, decoder, bias) trains during fine-tuning, for SVD and the AutoEncoders alike (the direction paper froze both SVD factors but only the AutoEncoder's codes).\n\n` +
    `${provenanceLine(provenance(), { preset, seed: first?.provenance.seed ?? '—', 'records from commit': [...new Set(records.map((r) => r.provenance.commit))].join(', ') || '—' })}\n`;
  const [mdPath, csvPath, svgPath] = cell.outputs as [string, string, string];
  await writeFileAtomic(mdPath, md);
  await writeFileAtomic(csvPath, directionCsv(records));
  await writeFileAtomic(
    svgPath,
    await renderSvg(
      directionFigureSpec(
        records,
        `Seed 001 (${preset}): perplexity after swapping in a compressed embedding`,
      ),
    ),
  );
  process.stdout.write(`${renderPerplexityTable(records)}${note}\n`);
  return missing.length === 0;
}
