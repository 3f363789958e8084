import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from '@fast-csv/parse';
import { createReadStream } from 'node:fs';
import { createEmbeddingMatrix, writeFileAtomic } from '@ksub/core';
import { loadMaskedLm, saveMaskedLm } from '@ksub/transformer';
import { explainedVariance } from '../figures/explained-variance';
import { fig2Spec } from '../figures/fig2-spec';
import { renderSvg } from '../plots/render-svg';
import { getCorpus, openCorpus, packCorpus, readManifest } from '@ksub/corpus';
import { getTask } from '@ksub/evaluation';
import '@ksub/clustering';
import { getAllocator, saveAllocation } from '@ksub/index-mapping';
import { loadEmbeddings } from '../allocate/load-embeddings';
import { initBackend } from '@ksub/tensor';
import { getTokenizer } from '@ksub/tokenizers';
import { evaluateMlm, finetune, pretrain, type PretrainConfig, UnigramBaseline } from '@ksub/training';
import { type CompressionMethod, compressModel } from '../direction/compress-model';
import type { CompressionRecord } from '../direction/compression-record';
import { directionFigureSpec } from '../direction/direction-figure';
import {
  directionBeatsSvd,
  directionCsv,
  renderFinetuneTable,
  renderPerplexityTable,
} from '../direction/direction-table';
import { provenance, provenanceLine } from '../report/provenance';
import type { Cell, Grid } from '../grid/cell';
import { canSkip, markDone } from '../grid/cell-markers';
import { bestScores, type FinetuneCsvRow, renderTable2 } from '../tables/table2';

const USAGE =
  'usage: node packages/experiments/dist/cli/cell.js --preset tiny|mini|paper --cell ID (run by the Nx targets experiments:cell-<preset>-<id>)';

type Args = Record<string, unknown>;

async function ensureParent(path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  return path;
}

async function corpusCell(a: Args): Promise<void> {
  const tokenizer = await getTokenizer(a['tokenizer'] as string);
  const out = a['out'] as string;
  if (existsSync(join(out, 'manifest.json'))) {
    const manifest = await readManifest(out);
    if (manifest.tokenizer.id === tokenizer.id && manifest.maxLength === a['maxLength']) {
      process.stdout.write(
        `corpus: ${out} is already packed with ${tokenizer.name} at ${manifest.maxLength} tokens\n`,
      );
      return;
    }
  }
  await packCorpus({
    source: getCorpus(a['corpus'] as string),
    tokenizer,
    outDir: out,
    maxLength: a['maxLength'] as number,
  });
}

async function allocateCell(a: Args): Promise<void> {
  const tokenizer = await getTokenizer('roberta-gpt2');
  const vocab = tokenizer.vocab();
  // clustered variants: the trained baseline's token embeddings, or GloVe aligned to the vocabulary
  const embeddings =
    a['embeddings'] === undefined ? undefined : await loadEmbeddings(a['embeddings'] as string, vocab);
  if (embeddings !== undefined) process.stdout.write(`allocate: clustering on ${embeddings.description}\n`);
  const allocation = await getAllocator(a['method'] as string).allocate({
    numTokens: tokenizer.vocabSize,
    numTables: a['k'] as number,
    dim: a['dim'] as number,
    seed: (a['seed'] as number | undefined) ?? 1,
    ...(a['rows'] === undefined ? {} : { rows: a['rows'] as number }),
    ...(embeddings === undefined ? {} : { embeddings: embeddings.matrix }),
    options: {
      ...(a['variant'] === undefined ? {} : { variant: a['variant'] }),
      ...(embeddings?.covered === undefined ? {} : { covered: embeddings.covered }),
    },
  });
  await saveAllocation(a['out'] as string, allocation);
}

async function readCsv(path: string): Promise<FinetuneCsvRow[]> {
  const rows: FinetuneCsvRow[] = [];
  for await (const r of createReadStream(path).pipe(parse({ headers: true })) as AsyncIterable<
    Record<string, string>
  >)
    rows.push({
      task: r['task'] as string,
      model: r['model'] as string,
      metric: r['metric'] as string,
      value: Number(r['value']),
    });
  return rows;
}

/** Writes the table from the fine-tuning rows that exist; returns whether every input was there. */
async function tableCell(a: Args, cell: Cell, preset: string): Promise<boolean> {
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

/** Seed 001: compress the trained baseline's embedding, swap it in, score the masked LM before and after. */
async function compressCell(a: Args, preset: string): Promise<void> {
  const started = performance.now();
  const tokenizer = await getTokenizer('roberta-gpt2');
  const corpus = await openCorpus(a['corpus'] as string, { tokenizer });
  const train: Int32Array[] = [];
  for await (const s of corpus.sequences('train')) train.push(s.ids);
  const validation: Int32Array[] = [];
  for await (const s of corpus.sequences('validation')) {
    if (validation.length >= (a['evalSequences'] as number)) break;
    validation.push(s.ids);
  }
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
async function directionTableCell(a: Args, cell: Cell, preset: string): Promise<boolean> {
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
  const [holds, compared] = directionBeatsSvd(records);
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
    `**The paper's claim** (AutoEncoder with the direction loss beats SVD on initial perplexity): holds at ${holds} of ${compared} code sizes here.\n\n` +
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

async function fig2Cell(a: Args, cell: Cell, preset: string): Promise<void> {
  const ratios = new Map<string, Float64Array>();
  for (const [variant, dir] of Object.entries(a['models'] as Record<string, string>)) {
    const model = await loadMaskedLm(dir);
    const weight = model.embedding.outputWeight();
    const [rows, cols] = weight.shape;
    const data = Float32Array.from(weight.dataSync());
    model.dispose();
    ratios.set(variant, explainedVariance(createEmbeddingMatrix(rows, cols, data)));
  }
  const components = a['components'] as number;
  const [svg, csv] = cell.outputs as [string, string];
  await writeFileAtomic(
    svg,
    await renderSvg(fig2Spec(ratios, components, `Fig. 2 (${preset}): PCA of the token-embedding matrices`)),
  );
  const lines = ['model,component,ratio'];
  for (const [model, r] of ratios) r.forEach((v, i) => lines.push(`${model},${i + 1},${v}`));
  await writeFileAtomic(csv, `${lines.join('\n')}\n`);
}

/** Runs one cell of an experiment grid (what each `experiments:cell-<preset>-<id>` Nx target does). */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { preset: { type: 'string' }, cell: { type: 'string' } } });
  if (values.preset === undefined || values.cell === undefined) {
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const gridFile = join('packages/experiments/grid', `${values.preset}.json`);
  const grid = JSON.parse(await readFile(gridFile, 'utf8')) as Grid;
  const cell = grid.cells.find((c) => c.id === values.cell);
  if (cell === undefined)
    throw new RangeError(
      `cell: --cell must be one of ${grid.cells.map((c) => c.id).join(', ')}; got ${JSON.stringify(values.cell)}`,
    );
  if (canSkip(cell, grid)) {
    process.stdout.write(
      `cell ${cell.id}: done in an earlier sitting (committed results match its settings); skipped\n`,
    );
    return;
  }
  // a table drawn from some of its inputs (run by hand to see progress) is not marked done
  if (await run(cell, grid)) await markDone(cell);
}

async function run(cell: Cell, grid: Grid): Promise<boolean> {
  const a = cell.args;
  switch (cell.kind) {
    case 'corpus':
      await corpusCell(a);
      return true;
    case 'allocate':
      await allocateCell(a);
      return true;
    case 'pretrain':
      await initBackend();
      // resume: a cell interrupted (or finished by hand) continues from its newest checkpoint
      await pretrain(a as unknown as PretrainConfig, { resume: true });
      // the metrics are committed (the run's weights stay in runs/, scratch)
      await copyFile(
        join(a['outDir'] as string, 'metrics.jsonl'),
        await ensureParent(cell.outputs[1] as string),
      );
      return true;
    case 'finetune': {
      await initBackend();
      const out = a['out'] as string;
      await rm(out, { force: true }); // this cell's own rows only, written afresh
      await finetune({
        model: a['model'] as string,
        modelLabel: a['label'] as string,
        task: getTask(a['task'] as string),
        learningRates: a['learningRates'] as number[],
        batchSizes: a['batchSizes'] as number[],
        epochs: a['epochs'] as number,
        ...(a['maxTrain'] === undefined ? {} : { maxTrainExamples: a['maxTrain'] as number }),
        resultsCsv: out,
      });
      return true;
    }
    case 'compress':
      await initBackend();
      await compressCell(a, grid.preset);
      return true;
    case 'table':
      return tableCell(a, cell, grid.preset);
    case 'direction-table':
      await initBackend();
      return directionTableCell(a, cell, grid.preset);
    case 'figure':
      await initBackend();
      await fig2Cell(a, cell, grid.preset);
      return true;
    default:
      throw new RangeError(`cell: unknown kind ${JSON.stringify((cell as Cell).kind)}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
