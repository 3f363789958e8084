import { writeFileAtomic } from '@ksub/core/node';
import { minimalRows } from '@ksub/index-mapping';
import { z } from 'zod';
import { provenance, provenanceLine } from '../report/provenance';
import { type ProtocolRuns, protocolRuns } from '../tables/evidence/protocol-runs';
import { edgeNote, renderScores, type Table4Section } from '../tables/table4';
import { renderDeltas } from '../tables/table4-deltas';
import { type CellContext, type CellKind, outputAt } from './cell-kind';
import { isFinished } from './common';
import { readFinetuneResults } from '../tables/evidence/read-finetune-results';

/** A `table4` cell's args: the multilingual variants' fine-tuning CSVs under both protocols. */
export const Table4ArgsSchema = z.strictObject({
  /**
   * One CSV per variant and protocol, named `…/ml-<variant>-<protocol>.csv`, and the majority-class
   * control's per protocol, `…/ml-baselines-<protocol>.csv`; predictions beside each.
   */
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

/** The runs of one CSV's model under the held-out protocol; undefined when its cell has not finished or it has none. */
async function readRuns(
  file: string | undefined,
  model: string,
  languages: readonly string[],
  testTask: (language: string) => string,
): Promise<ProtocolRuns | undefined> {
  if (file === undefined) return undefined;
  const { finished, rows, predictions } = await readFinetuneResults([file]);
  return finished.length === 0 ? undefined : protocolRuns(rows, predictions, model, languages, testTask);
}

const HELD_OUT_NOTE = {
  libreoffice:
    "Held-out protocol: fixed train/dev/test splits of the LibreOffice-help suite, 70/15/15 by page and stratified by module, the same paragraphs in every language (`libreOfficeSplits`). Cross-lingual transfer fine-tunes on English and selects on English dev (as XNLI's zero-shot protocol); train-all fine-tunes on every language and selects on every language's dev pooled (their average). The learning rate is searched with the first seed and chosen on dev, every seed early-stops on dev, and each language's **test** split is scored at the run's best dev epoch.",
  xnli: "Held-out protocol: XNLI dev (every language pooled) selects the learning rate and each run's epoch; each language's **test** split is scored at the run's best dev epoch.",
} as const;

const STATISTICS_NOTE =
  "Scores: mean over fine-tuning seeds with a 95% t-interval (the average: each seed's average over languages, then the t-interval; the majority-class control, which has no seeds: bootstrap over the test examples). Δ: seed-averaged difference to the first row on the same test examples, 95% paired bootstrap (2,000 resamples); \\* marks an interval that excludes zero.";

const AVERAGE_NOTE = {
  joint:
    "The average's interval resamples example positions jointly across languages (their test sets have one size, and hold translations of the same paragraphs), so it keeps their correlation.",
  combined:
    "The average's interval combines the languages' standard errors as if independent (their test sets differ in size); their test sets hold translations of the same paragraphs, so it may be too narrow.",
} as const;

/** Table 4: per-language held-out accuracy of each multilingual variant under both protocols; resolves whether every input was there. */
async function runTable4(args: Table4Args, context: CellContext): Promise<boolean> {
  const { preset } = context;
  const rowsOf: Record<string, string> = {
    full: args.vocabSize.toLocaleString('en-US'),
    'radix-k3': String(minimalRows(args.vocabSize, 3)),
  };
  for (const v of args.variants) if (v.startsWith('clustered')) rowsOf[v] = String(args.clusteredRows);
  const prefix = args.suite === 'xnli' ? 'xnli' : 'libreoffice-module';
  const testTask = (l: string) => `${prefix}-${l}`;
  const sections: string[] = [];
  const claims: string[] = [];
  const notes = new Set<string>();
  const csv = ['protocol,model,language,accuracy,low,high,over,n'];
  for (const protocol of args.protocols) {
    const fileOf = (name: string) => args.inputs.find((f) => f.endsWith(`/ml-${name}-${protocol}.csv`));
    const runs = new Map<string, ProtocolRuns>();
    for (const v of args.variants) {
      const r = await readRuns(fileOf(v), v, args.languages, testTask);
      if (r !== undefined) runs.set(v, r);
    }
    const section: Table4Section = {
      protocol,
      paperProtocol: protocol === 'cross-lingual' ? 'cross-lingual' : 'train-all',
      variants: args.variants,
      languages: args.languages,
      runs,
      control: await readRuns(fileOf('baselines'), 'majority', args.languages, testTask),
      rowsOf,
    };
    const scores = renderScores(section);
    csv.push(...scores.csv);
    const parts = [`## ${protocol}: test accuracy per language (percent, 95% intervals)`, scores.table];
    const deltas = renderDeltas(section);
    if (deltas !== undefined) {
      parts.push(
        `Δ accuracy vs ${args.variants[0]} (${protocol}; percent points, 95% paired bootstrap per language and on the average; \\* excludes zero)`,
        deltas.table,
      );
      claims.push(...deltas.claims);
      for (const m of deltas.methods) notes.add(AVERAGE_NOTE[m]);
    }
    const edge = edgeNote(section);
    if (edge !== undefined) parts.push(edge);
    sections.push(parts.join('\n\n'));
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
    args.suite === 'libreoffice' ? 'the LibreOffice-help module suite (9 classes)' : 'XNLI (3 classes)';
  const md =
    `# Table 4 (${preset} preset): the multilingual model, full vs 3-sub-embedding\n\n` +
    `Test accuracy (percent) per language on ${suite}, under cross-lingual transfer (fine-tuned on English) and ${args.protocols[1]} (fine-tuned on every language). ` +
    `The paper's rows are its XNLI figures for the same languages; * marks its 15-language average. ` +
    `Our vocabulary is o200k (${rowsOf['full']} tokens), the offline stand-in for XLM-R's 250k. Made by \`npx nx run experiments:reproduce -- --preset ${preset}\`.${note}\n\n` +
    `${[HELD_OUT_NOTE[args.suite], STATISTICS_NOTE, ...notes].join(' ')}\n\n` +
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
