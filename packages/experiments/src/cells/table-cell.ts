import { existsSync } from 'node:fs';
import { writeFileAtomic } from '@ksub/core/node';
import { loadAllocation } from '@ksub/index-mapping/node';
import { getTask, type MetricName } from '@ksub/evaluation';
import { readPositionsCsv, type ResultRow, type RunPredictions } from '@ksub/training';
import { z } from 'zod';
import { provenance, provenanceLine } from '../report/provenance';
import { allocationCount, type EmbeddingCount, savedModelCount } from '../tables/evidence/embedding-count';
import { readPretrainSeeds } from '../tables/evidence/read-pretrain-seeds';
import { renderMlmEvidence } from '../tables/evidence/render-mlm';
import { renderPretrainSeeds } from '../tables/evidence/render-pretrain-seeds';
import { taskEvidence } from '../tables/evidence/task-evidence';
import { renderPaperFigures } from '../tables/paper-figures';
import { bestScores, finetuneMinutes, renderTable2 } from '../tables/table2';
import { type CellContext, type CellKind, outputAt } from './cell-kind';
import { isFinished } from './common';
import { readFinetuneResults } from '../tables/evidence/read-finetune-results';

/** A model of the pretraining-seed study (issue #21): a variant pretrained with another seed, and its files. */
export const PretrainSeedSchema = z.strictObject({
  /** The pretraining seed (the variant's main run, its row in the table, is seed 1). */
  seed: z.number().int().min(0),
  /** `<variant>-s<seed>`: the model column of its fine-tuning rows. */
  model: z.string().min(1),
  /** Its fine-tuning CSVs, one per task (predictions beside them). */
  finetune: z.array(z.string().min(1)).readonly(),
  /** Its per-position MLM CSV, scored on the seed-1 run's validation positions. */
  mlm: z.string().min(1),
});

/** A `table` cell's args: Table 2 or 3 from the fine-tuning CSVs of its variants. */
export const TableArgsSchema = z.strictObject({
  table: z.enum(['table2', 'table3']),
  /** The fine-tuning CSVs (one per variant and task; controls' too), predictions beside them. */
  inputs: z.array(z.string().min(1)).readonly(),
  /** The rows, in order (grid variant ids: `full`, `radix-k3`, `clustered-equal-m50`); the first is the reference. */
  variants: z.array(z.string().min(1)).min(1).readonly(),
  /** Embedding parameters per variant, by formula (the earlier protocol's table; the evidence tables read the kept models). */
  params: z.record(z.string(), z.number().int().min(0)).optional(),
  /** Control rows (ids as their CSVs' model column): random-init encoders, `bag-of-words`, `majority`. */
  controls: z.array(z.string().min(1)).readonly().default([]),
  /** Kept model directory per variant or control: embedding parameters and rows used are read from it. */
  models: z.record(z.string(), z.string().min(1)).default({}),
  /** Committed allocation file per k-sub variant: its counts until the model is kept. */
  allocations: z.record(z.string(), z.string().min(1)).default({}),
  /** Per-position MLM CSV per variant (`mlm-positions` cells). */
  mlm: z.record(z.string(), z.string().min(1)).default({}),
  /**
   * Per variant, its models pretrained with other seeds (grid `pretrainSeeds`): a "Pretraining
   * seeds" section once any of them has run. Their CSVs are not `inputs`: the table is complete
   * without them, and lists those not run yet as such.
   */
  pretrainSeeds: z.record(z.string(), z.array(PretrainSeedSchema).min(1).readonly()).default({}),
});

/** {@link TableArgsSchema}'s type. */
export type TableArgs = z.infer<typeof TableArgsSchema>;

const TITLES = {
  table2: ['Table 2', 'random (Algorithm 1) k-sub-embedding'],
  table3: ['Table 3', 'clustered (Algorithm 2) 3-sub-embedding'],
} as const;

/** Embedding counts read from what is committed: the kept model, else the variant's allocation file. */
async function embeddingCounts(args: TableArgs): Promise<Map<string, EmbeddingCount>> {
  const counts = new Map<string, EmbeddingCount>();
  for (const id of new Set([...Object.keys(args.models), ...Object.keys(args.allocations)])) {
    const dir = args.models[id];
    const file = args.allocations[id];
    const count =
      (dir === undefined ? undefined : await savedModelCount(dir)) ??
      (file !== undefined && existsSync(file) ? allocationCount(await loadAllocation(file)) : undefined);
    if (count !== undefined) counts.set(id, count);
  }
  return counts;
}

/** The held-out-protocol sections (per task, then MLM) and the sentences their numbers support. */
async function evidenceSections(
  args: TableArgs,
  counts: ReadonlyMap<string, EmbeddingCount>,
  rows: readonly ResultRow[],
  predictions: readonly RunPredictions[],
  tasks: readonly string[],
  primary: Readonly<Record<string, string>>,
): Promise<{ sections: string[]; claims: string[] }> {
  const sections: string[] = [];
  const claims: string[] = [];
  for (const task of tasks) {
    const metric = primary[task] as MetricName;
    const evidence = taskEvidence({ rows, predictions, counts }, task, metric, args.variants, args.controls);
    if (evidence === undefined) continue;
    sections.push(`## ${task}: held-out test split\n\n${evidence.table}`);
    claims.push(...evidence.claims);
  }
  const mlmModels = await Promise.all(
    args.variants.map(async (id) => {
      const file = args.mlm[id];
      return {
        id,
        positions: file !== undefined && isFinished(file) ? await readPositionsCsv(file) : undefined,
      };
    }),
  );
  if (mlmModels.some((m) => m.positions !== undefined)) {
    const mlm = renderMlmEvidence(args.variants[0] ?? 'full', mlmModels);
    sections.push(`## Masked-LM validation (paired over the same masked positions)\n\n${mlm.table}`);
    claims.push(...mlm.claims);
  }
  const taskMetrics = tasks.map((name) => ({ name, metric: primary[name] as MetricName }));
  const seeded = await readPretrainSeeds(
    args.variants,
    args.pretrainSeeds,
    { rows, predictions, mlm: new Map(mlmModels.map((m) => [m.id, m.positions])) },
    taskMetrics,
  );
  const seeds = renderPretrainSeeds(args.variants[0] ?? 'full', seeded, taskMetrics);
  if (seeds !== undefined) {
    sections.push(seeds.section);
    claims.push(...seeds.claims);
  }
  return { sections, claims };
}

const HELD_OUT_NOTE =
  "Held-out protocol: fixed stratified train/dev/test splits; the learning rate is searched with seed 1 and chosen on dev, every seed early-stops on dev, and the score is each run's **test** score at its best dev epoch. Scores: mean over fine-tuning seeds with a 95% t-interval (controls without seeds: bootstrap over test examples). Δ: seed-averaged difference to the first row on the same test examples, 95% paired bootstrap interval (2,000 resamples); \\* marks an interval that excludes zero. McNemar: exact or χ² test on the majority votes. Embedding parameters and rows used are read from the kept models' allocations.";

/** Writes the table (Markdown and CSV) from the fine-tuning rows that exist; resolves whether every input was there. */
async function runTable(args: TableArgs, context: CellContext): Promise<boolean> {
  const { preset } = context;
  // a fine-tuning CSV counts once its cell has finished (its marker is written after the last row)
  const { finished: present, rows, predictions } = await readFinetuneResults(args.inputs);
  const partial =
    present.length < args.inputs.length
      ? `\n\n**Partial**: ${present.length} of ${args.inputs.length} fine-tuning cells are done; missing: ${args.inputs
          .filter((f) => !present.includes(f))
          .map((f) => f.split('/').pop())
          .join(', ')}.`
      : '';
  const tasks = [...new Set(rows.map((r) => r.task))];
  const primary = Object.fromEntries(tasks.map((t) => [t, getTask(t).metrics[0] ?? '']));
  const counts = await embeddingCounts(args);
  const { sections, claims } = await evidenceSections(args, counts, rows, predictions, tasks, primary);
  // parameters as stored where known (the allocation's real rows), else by formula
  const params = Object.fromEntries(
    args.variants.flatMap((v) => {
      const known = counts.get(v)?.params ?? args.params?.[v];
      return known === undefined ? [] : [[v, known]];
    }),
  );
  // models fine-tuned only under the earlier protocol (best dev score of the grid, one seed)
  const tested = new Set(rows.filter((r) => r.split === 'test').map((r) => `${r.model}|${r.task}`));
  const legacy = rows.filter((r) => !tested.has(`${r.model}|${r.task}`) && args.variants.includes(r.model));
  const legacyTable =
    legacy.length === 0
      ? ''
      : `## Earlier protocol: best dev score of the grid, one seed (no held-out split, no interval)\n\nOur best score over the grid (percent; first metric of each task), our delta from the full baseline, and the paper's figure and delta on the GLUE task each offline task stands in for. These numbers were chosen on the split they are reported on; they are kept until the models are fine-tuned again under the held-out protocol.\n\n${renderTable2(bestScores(legacy, primary), args.variants, [...new Set(legacy.map((r) => r.task))], params)}`;
  const [name, what] = TITLES[args.table];
  const facts = {
    preset,
    'fine-tuning wall time': `${finetuneMinutes(rows).toFixed(0)} min`,
    'fine-tuning CSVs': `docs/results/${preset}/finetune/`,
  };
  const claimList =
    claims.length === 0
      ? ''
      : `## What these numbers support (generated)\n\n${claims.map((c) => `- ${c}`).join('\n')}`;
  // the earlier-protocol table carries the paper's columns; once it is gone they get a section of their own
  const paperFigures = legacyTable === '' ? renderPaperFigures(args.variants, tasks, params) : '';
  const body = [
    ...(sections.length > 0 ? [HELD_OUT_NOTE, ...sections, claimList] : []),
    legacyTable,
    paperFigures,
  ]
    .filter((part) => part !== '')
    .join('\n\n');
  await writeFileAtomic(
    outputAt('table', context, 0, 'the Markdown table'),
    `# ${name} (${preset} preset): ${what} vs the full embedding\n\nMade by \`npx nx run experiments:reproduce -- --preset ${preset}\`.${partial}\n\n${body}\n\n${provenanceLine(provenance(), facts)}\n`,
  );
  await writeFileAtomic(
    outputAt('table', context, 1, 'the CSV'),
    [
      'task,model,split,lr,batch,seed,epoch,metric,value',
      ...rows.map(
        (r) =>
          `${r.task},${r.model},${r.split},${r.lr},${r.batch},${r.seed},${r.epoch},${r.metric},${r.value}`,
      ),
    ].join('\n') + '\n',
  );
  process.stdout.write(`${body}${partial}\n`);
  return partial === '';
}

/** The `table` cell kind: Tables 2 and 3. */
export const tableCell: CellKind<'table', TableArgs, z.input<typeof TableArgsSchema>> = {
  kind: 'table',
  schema: TableArgsSchema,
  run: runTable,
};
