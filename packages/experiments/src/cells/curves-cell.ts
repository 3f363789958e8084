import { writeFileAtomic } from '@ksub/core/node';
import { z } from 'zod';
import { curvesFigureSpec } from '../curves/curves-figure';
import { readCurveData } from '../curves/read-curve-data';
import { renderCurves } from '../curves/render-curves';
import { renderSvg } from '../plots/render-svg';
import { provenance, provenanceLine } from '../report/provenance';
import { type CellContext, type CellKind, outputAt } from './cell-kind';

const int = (min: number) => z.number().int().min(min);

/** One snapshot the `curves` cell reads: its files, by the grid's paths. */
const CurveSnapshotSchema = z.strictObject({
  step: int(1),
  /** `curve-<variant>-u<step>`: the model column of its fine-tuning rows. */
  label: z.string().min(1),
  /** Its per-position MLM CSV (`mlm-positions` cell). */
  mlm: z.string().min(1),
  /** Its fine-tuning CSVs, one per task ([] when the grid does not fine-tune it). */
  finetune: z.array(z.string().min(1)).readonly().default([]),
});

/** A `curves` cell's args: per variant its curve run and snapshots; the reference, tasks, compute-matched pair. */
export const CurvesArgsSchema = z.strictObject({
  /** The variant the others are compared with (`full`). */
  reference: z.string().min(1),
  /** Sequences × packed length of one update (tokens = updates × this). */
  tokensPerUpdate: int(1),
  /** The tasks the snapshots are fine-tuned on (their first metric is compared). */
  tasks: z.array(z.string().min(1)).readonly(),
  variants: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        /** The curve run's committed metrics (`curves/<variant>.metrics.jsonl`). */
        metrics: z.string().min(1),
        /** The curve run's directory: its metrics are read from there while the run is under way. */
        run: z.string().min(1).optional(),
        /** The variant's own Table 2–3 run's metrics (annealed at its last update), drawn as a point. */
        annealed: z.string().min(1).optional(),
        /**
         * That run's per-position MLM scores (`mlm/<variant>.positions.csv`, the same positions as
         * the snapshots'): the paired comparison of the two schedules at the same updates.
         */
        annealedPositions: z.string().min(1).optional(),
        snapshots: z.array(CurveSnapshotSchema).min(1).readonly(),
      }),
    )
    .min(1)
    .readonly(),
  /** A variant's snapshot against the reference's at another update (same compute). */
  computeMatched: z
    .strictObject({ variant: z.string().min(1), step: int(1), referenceStep: int(1) })
    .optional(),
});

/** {@link CurvesArgsSchema}'s type. */
export type CurvesArgs = z.infer<typeof CurvesArgsSchema>;

/**
 * Writes the learning-curves page (`curves.md`), its numbers (`curves.csv`) and figure
 * (`curves.svg`) from the committed files that exist; resolves whether every input was there (a
 * partial page, while runs are under way, lists the rest as not run yet and is not marked done).
 */
async function runCurves(args: CurvesArgs, context: CellContext): Promise<boolean> {
  const { preset } = context;
  const data = await readCurveData(args);
  const page = renderCurves(data);
  const md =
    `# Learning curves (${preset} preset): does the gap to ${args.reference} close with pretraining?\n\n` +
    `Made by \`npx nx run experiments:curves -- --preset ${preset}\` from the committed curve files under \`docs/results/${preset}/curves/\`.\n\n` +
    `${page.markdown}\n\n${provenanceLine(provenance(), { preset })}\n`;
  await writeFileAtomic(outputAt('curves', context, 0, 'the Markdown page'), md);
  await writeFileAtomic(outputAt('curves', context, 1, 'the CSV'), page.csv);
  await writeFileAtomic(
    outputAt('curves', context, 2, 'the figure'),
    await renderSvg(
      curvesFigureSpec(page.figure, `Learning curves (${preset}): ${args.reference} and its k-sub variants`),
    ),
  );
  process.stdout.write(`${page.markdown}\n`);
  // a run under way is read from its directory, and its committed metrics are listed as missing
  return data.missing.length === 0;
}

/** The `curves` cell kind: the learning-curves page of issue #21. */
export const curvesCell: CellKind<'curves', CurvesArgs, z.input<typeof CurvesArgsSchema>> = {
  kind: 'curves',
  schema: CurvesArgsSchema,
  run: runCurves,
};
