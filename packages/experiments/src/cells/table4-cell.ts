import { writeFileAtomic } from '@ksub/core/node';
import { minimalRows } from '@ksub/index-mapping';
import { z } from 'zod';
import { provenance, provenanceLine } from '../report/provenance';
import { predictionsPathFor, readPredictions, readResultRows, type RunPredictions } from '@ksub/training';
import { averageDelta, type Delta, formatDelta, languageDelta } from '../tables/evidence/language-deltas';
import { chosenProtocolRun, languageOf, renderTable4, selectProtocolScores } from '../tables/table4';
import { type CellContext, type CellKind, outputAt } from './cell-kind';
import { isFinished } from './common';

/** A `table4` cell's args: the multilingual variants' fine-tuning CSVs under both protocols. */
export const Table4ArgsSchema = z.strictObject({
  /** One CSV per variant and protocol, named `…/ml-<variant>-<protocol>.csv`. */
  inputs: z.array(z.string().min(1)).readonly(),
  variants: z.array(z.string().min(1)).min(1).readonly(),
  /** Cross-lingual first, then the all-languages protocol. */
  protocols: z.tuple([z.literal('cross-lingual'), z.enum(['train-all', 'translate-train-all'])]).readonly(),
  languages: z.array(z.string().min(1)).min(1).readonly(),
  suite: z.enum(['libreoffice', 'xnli']),
  /** The multilingual vocabulary N, and the clustered variant's rows per table. */
  vocabSize: z.number().int().min(1),
  clusteredRows: z.number().int().min(1),
});

/** {@link Table4ArgsSchema}'s type. */
export type Table4Args = z.infer<typeof Table4ArgsSchema>;

/**
 * Each variant's accuracy difference to the full model per language (paired over that language's
 * examples, at each model's chosen run) and on the average; undefined when the runs saved no
 * predictions (fine-tuned before they were kept).
 */
function renderLanguageDeltas(
  protocol: string,
  predictions: ReadonlyMap<string, readonly RunPredictions[]>,
  variants: readonly string[],
  languages: readonly string[],
): { table: string; claims: string[] } | undefined {
  const byLanguage = (v: string) =>
    new Map(
      (predictions.get(v) ?? []).flatMap((p) => {
        const l = languageOf(p.task);
        return l === undefined ? [] : [[l, p] as const];
      }),
    );
  const full = byLanguage('full');
  if (full.size === 0) return undefined;
  const lines: string[] = [];
  const claims: string[] = [];
  for (const v of variants.filter((x) => x !== 'full')) {
    const own = byLanguage(v);
    if (own.size === 0) continue;
    const deltas: (Delta | undefined)[] = languages.map((l) => {
      const [a, b] = [full.get(l), own.get(l)];
      return a === undefined || b === undefined ? undefined : languageDelta(a, b);
    });
    const known = deltas.filter((d): d is Delta => d !== undefined);
    const avg = known.length === languages.length ? averageDelta(known) : undefined;
    lines.push(
      `| ${v} | ${deltas.map((d) => (d === undefined ? '—' : formatDelta(d))).join(' | ')} | ${avg === undefined ? '—' : formatDelta(avg)} |`,
    );
    if (avg !== undefined)
      claims.push(
        avg.low > 0 || avg.high < 0
          ? `${protocol}: ${v} scores ${avg.estimate < 0 ? 'below' : 'above'} full on the language average by ${formatDelta(avg).replace(' \\*', '')} points — supported (the interval excludes zero).`
          : `${protocol}: ${v} and full cannot be told apart on the language average (${formatDelta(avg)} points).`,
      );
  }
  if (lines.length === 0) return undefined;
  return {
    table: `Δ accuracy vs full (${protocol}; percent points, 95% paired bootstrap per language, normal combination for the average; \\* excludes zero)\n\n| model | ${languages.join(' | ')} | avg |\n|---|${languages.map(() => '---:').join('|')}|---:|\n${lines.join('\n')}`,
    claims,
  };
}

/** Table 4: per-language accuracy of each multilingual variant under both protocols; resolves whether every input was there. */
async function runTable4(args: Table4Args, context: CellContext): Promise<boolean> {
  const { preset } = context;
  const rowsOf: Record<string, string> = {
    full: args.vocabSize.toLocaleString('en-US'),
    'radix-k3': String(minimalRows(args.vocabSize, 3)),
  };
  for (const v of args.variants) if (v.startsWith('clustered')) rowsOf[v] = String(args.clusteredRows);
  const sections: string[] = [];
  const claims: string[] = [];
  const csv = ['protocol,model,language,accuracy'];
  for (const protocol of args.protocols) {
    const scores = new Map<string, Map<string, number>>();
    const chosenPredictions = new Map<string, RunPredictions[]>();
    for (const v of args.variants) {
      const file = args.inputs.find((f) => f.endsWith(`/ml-${v}-${protocol}.csv`));
      if (file === undefined || !isFinished(file)) continue;
      const rows = await readResultRows(file);
      const chosen = selectProtocolScores(rows);
      scores.set(v, chosen);
      for (const [l, acc] of chosen) csv.push(`${protocol},${v},${l},${acc}`);
      const run = chosenProtocolRun(rows);
      const predictions = await readPredictions(predictionsPathFor(file));
      chosenPredictions.set(
        v,
        predictions.filter(
          (p) =>
            run !== undefined &&
            p.lr === run.lr &&
            p.batch === run.batch &&
            p.seed === run.seed &&
            p.epoch === run.epoch,
        ),
      );
    }
    const paperProtocol = protocol === 'cross-lingual' ? 'cross-lingual' : 'train-all';
    sections.push(renderTable4(paperProtocol, scores, args.variants, args.languages, rowsOf));
    const deltas = renderLanguageDeltas(protocol, chosenPredictions, args.variants, args.languages);
    if (deltas !== undefined) {
      sections.push(deltas.table);
      claims.push(...deltas.claims);
    }
  }
  if (claims.length > 0)
    sections.push(`## What these numbers support (generated)\n\n${claims.map((c) => `- ${c}`).join('\n')}`);
  const missing = args.inputs.filter((f) => !isFinished(f));
  const note =
    missing.length > 0
      ? `\n\n**Partial**: ${args.inputs.length - missing.length} of ${args.inputs.length} fine-tuning cells are done; missing: ${missing.map((f) => f.split('/').pop()).join(', ')}.` +
        (args.suite === 'libreoffice'
          ? ' The LibreOffice suite needs `npx nx run evaluation:setup-debian`.'
          : ' XNLI needs the GLUE MNLI, XNLI-1.0 and XNLI-MT-1.0 files under data/.')
      : '';
  const suite =
    args.suite === 'libreoffice'
      ? 'the LibreOffice-help module suite (9 classes; English dev selects, every language scored on its dev pages)'
      : 'XNLI (XNLI dev selects, test accuracy per language)';
  const md =
    `# Table 4 (${preset} preset): the multilingual model, full vs 3-sub-embedding\n\n` +
    `Accuracy (percent) per language on ${suite}, under cross-lingual transfer (fine-tuned on English) and ${args.protocols[1]} (fine-tuned on every language). ` +
    `Each row is reported at the one grid cell and epoch chosen on the selection evaluation. The paper's rows are its XNLI figures for the same languages; * marks its 15-language average. ` +
    `Our vocabulary is o200k (${rowsOf['full']} tokens), the offline stand-in for XLM-R's 250k. Made by \`npx nx run experiments:reproduce -- --preset ${preset}\`.${note}\n\n` +
    `${sections.join('\n\n')}\n\n${provenanceLine(provenance(), { preset })}\n`;
  await writeFileAtomic(outputAt('table4', context, 0, 'the Markdown table'), md);
  await writeFileAtomic(outputAt('table4', context, 1, 'the CSV'), `${csv.join('\n')}\n`);
  process.stdout.write(`${sections.join('\n\n')}${note}\n`);
  return missing.length === 0;
}

/** The `table4` cell kind: the multilingual table. */
export const table4Cell: CellKind<'table4', Table4Args> = {
  kind: 'table4',
  schema: Table4ArgsSchema,
  run: runTable4,
};
