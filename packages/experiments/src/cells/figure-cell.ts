import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '@ksub/core';
import { writeFileAtomic } from '@ksub/core/node';
import { embeddingToMatrix } from '@ksub/embedding';
import { getTokenizer } from '@ksub/tokenizers';
import { sharedTokenizer } from '@ksub/training';
import { loadMaskedLm } from '@ksub/transformer/node';
import { carriedNumber, type CarriedRows, carryOver } from '../figures/carry-over';
import { principalComponents, projectRows, varianceRatios } from '../figures/explained-variance';
import { fig2ProjectionSpec, type ProjectedToken } from '../figures/fig2-projection-spec';
import { fig2Spec } from '../figures/fig2-spec';
import { fig3Spec, type SimilarityPoint } from '../figures/fig3-spec';
import { interIntraSimilarity } from '../figures/layer-similarity';
import { layerStates } from '../figures/layer-states';
import { initBackend } from '@ksub/tensor';
import { z } from 'zod';
import { renderSvg } from '../plots/render-svg';
import { type CellContext, type CellKind, outputAt } from './cell-kind';
import { readSplits } from './common';

/** The models a figure draws: grid variant id → saved model directory. */
const models = z.record(z.string(), z.string().min(1));

/** A `figure` cell's args: Fig. 2 (PCA of the embeddings) or Fig. 3 (similarity of hidden states). */
export const FigureArgsSchema = z.discriminatedUnion('figure', [
  z.strictObject({
    figure: z.literal('fig2'),
    /** Principal components shown in the explained-variance chart. */
    components: z.number().int().min(1),
    /** Tokens drawn on each model's first two components. */
    projectTokens: z.number().int().min(1),
    models,
  }),
  z.strictObject({
    figure: z.literal('fig3'),
    /** The packed corpus whose validation text is run through the models. */
    corpus: z.string().min(1),
    sequences: z.number().int().min(1),
    batchSize: z.number().int().min(1),
    models,
  }),
]);

/** {@link FigureArgsSchema}'s type. */
export type FigureArgs = z.infer<typeof FigureArgsSchema>;
type Fig2Args = Extract<FigureArgs, { figure: 'fig2' }>;
type Fig3Args = Extract<FigureArgs, { figure: 'fig3' }>;

/**
 * The models of a figure cell: those whose run directory exists (computed now), those without one
 * (carried over from the figure's earlier CSV where it has them: a figure drawn mid-grid, or after a
 * machine lost its run directories), and a title note saying how many were computed and carried.
 */
async function figureModels(
  models: Readonly<Record<string, string>>,
  csvPath: string,
  header: string,
): Promise<{ all: string[]; present: Map<string, string>; carried: CarriedRows; note: string }> {
  const all = Object.entries(models);
  const present = new Map(all.filter(([, dir]) => existsSync(join(dir, 'config.json'))));
  const absent = all.map(([v]) => v).filter((v) => !present.has(v));
  const carried = await carryOver(csvPath, header, absent);
  const shown = present.size + carried.rows.size;
  const parts: string[] = [];
  if (shown < all.length) parts.push(`${shown} of ${all.length} models`);
  if (carried.rows.size > 0) {
    parts.push(`${carried.rows.size} carried from an earlier rendering`);
    process.stdout.write(
      `figure: ${[...carried.rows.keys()].join(', ')} have no run directory; their rows are carried from ${csvPath}\n`,
    );
  }
  const missing = absent.filter((v) => !carried.rows.has(v));
  if (missing.length > 0)
    process.stdout.write(`figure: ${missing.join(', ')} have no run directory and no earlier rows\n`);
  return {
    all: all.map(([v]) => v),
    present,
    carried,
    note: parts.length > 0 ? ` (${parts.join('; ')})` : '',
  };
}

/** `count` distinct token ids of `numTokens`, drawn from `seed` (the same tokens in every panel). */
function sampleTokens(numTokens: number, count: number, seed: number): number[] {
  const order = Int32Array.from({ length: numTokens }, (_, i) => i);
  Rng.fromSeed(seed).shuffle(order);
  return Array.from(order.subarray(0, Math.min(count, numTokens))).sort((x, y) => x - y);
}

/**
 * Fig. 2: PCA of every model's token-embedding matrix — cumulative explained variance (one chart)
 * and each model's tokens on its first two components (one panel per model).
 */
async function fig2(a: Fig2Args, context: CellContext): Promise<boolean> {
  const { preset } = context;
  const svg = outputAt('fig2', context, 0, 'the PCA chart');
  const csv = outputAt('fig2', context, 1, 'the PCA CSV');
  const projection = outputAt('fig2', context, 2, 'the projection');
  const header = 'model,component,ratio';
  const { all, present, carried, note } = await figureModels(a.models, csv, header);
  const ratios = new Map<string, Float64Array>();
  const points: ProjectedToken[] = [];
  let tokens: number[] | undefined;
  for (const variant of all) {
    const rows = carried.rows.get(variant);
    if (rows !== undefined) {
      ratios.set(
        variant,
        Float64Array.from(rows, (r) => carriedNumber(r[1], variant, 'ratio')),
      );
      continue;
    }
    const dir = present.get(variant);
    if (dir === undefined) continue;
    const model = await loadMaskedLm(dir);
    try {
      const matrix = embeddingToMatrix(model.embedding);
      const pca = principalComponents(matrix);
      ratios.set(variant, varianceRatios(pca));
      tokens ??= sampleTokens(matrix.rows, a.projectTokens, 1);
      const coords = projectRows(matrix, pca, tokens, 2);
      const spec = model.spec;
      const k = spec?.kind === 'ksub' ? spec.allocation.numTables : 0;
      tokens.forEach((t, i) =>
        points.push({
          model: variant,
          pc1: coords[2 * i] ?? Number.NaN,
          pc2: coords[2 * i + 1] ?? Number.NaN,
          group: spec?.kind === 'ksub' ? (spec.allocation.codes[t * k + k - 1] ?? 0) : 0,
        }),
      );
    } finally {
      model.dispose();
    }
  }
  const components = a.components;
  await writeFileAtomic(
    svg,
    await renderSvg(
      fig2Spec(ratios, components, `Fig. 2 (${preset}): PCA of the token-embedding matrices${note}`),
    ),
  );
  const lines = [header];
  for (const [model, r] of ratios) r.forEach((v, i) => lines.push(`${model},${i + 1},${v}`));
  await writeFileAtomic(csv, `${lines.join('\n')}\n`);
  // the projection keeps no CSV: it shows the models computed in this rendering only
  const projected = new Set(points.map((p) => p.model)).size;
  const projectionNote = projected < all.length ? ` (${projected} of ${all.length} models)` : '';
  await writeFileAtomic(
    projection,
    await renderSvg(
      fig2ProjectionSpec(
        points,
        `Fig. 2 (${preset}): ${tokens?.length ?? 0} tokens on each embedding's first two principal components${projectionNote}`,
      ),
    ),
  );
  return note === '';
}

/** Fig. 3: inter- and intra-similarity of every layer's hidden states, per model, on validation text. */
async function fig3(a: Fig3Args, context: CellContext): Promise<boolean> {
  const { preset } = context;
  const svg = outputAt('fig3', context, 0, 'the similarity chart');
  const csv = outputAt('fig3', context, 1, 'the similarity CSV');
  const header = 'model,layer,inter,intra';
  const { all, present, carried, note } = await figureModels(a.models, csv, header);
  const tokenizer = await getTokenizer(await sharedTokenizer([...present.values()], 'fig3'));
  // the validation text is read only when some model is computed (carried rows need none)
  const validation =
    present.size === 0 ? [] : (await readSplits(a.corpus, tokenizer, a.sequences, false)).validation;
  const points: SimilarityPoint[] = [];
  for (const variant of all) {
    const rows = carried.rows.get(variant);
    if (rows !== undefined) {
      for (const r of rows) {
        points.push({
          model: variant,
          layer: carriedNumber(r[0], variant, 'layer'),
          inter: carriedNumber(r[1], variant, 'inter'),
          intra: carriedNumber(r[2], variant, 'intra'),
        });
      }
      continue;
    }
    const dir = present.get(variant);
    if (dir === undefined) continue;
    const model = await loadMaskedLm(dir);
    try {
      const { ids, layers, hidden } = layerStates(model, validation, {
        batchSize: a.batchSize,
        isSpecial: (id) => tokenizer.isSpecial(id),
      });
      layers.forEach((states, layer) => {
        const s = interIntraSimilarity(states, hidden, ids, { seed: 1 });
        points.push({ model: variant, layer, inter: s.inter, intra: s.intra });
      });
    } finally {
      model.dispose();
    }
  }
  await writeFileAtomic(
    svg,
    await renderSvg(fig3Spec(points, `Fig. 3 (${preset}): similarity of hidden states per layer${note}`)),
  );
  await writeFileAtomic(
    csv,
    `${[header, ...points.map((p) => `${p.model},${p.layer},${p.inter},${p.intra}`)].join('\n')}\n`,
  );
  return note === '';
}

/** The `figure` cell kind: Figs. 2 and 3, computed from the trained models (rows of lost ones carried over). */
export const figureCell: CellKind<'figure', FigureArgs> = {
  kind: 'figure',
  schema: FigureArgsSchema,
  run: async (args, context) => {
    await initBackend();
    return args.figure === 'fig2' ? fig2(args, context) : fig3(args, context);
  },
};
