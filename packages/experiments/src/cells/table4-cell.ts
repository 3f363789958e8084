import { writeFileAtomic } from '@ksub/core';
import { minimalRows } from '@ksub/index-mapping';
import { z } from 'zod';
import { provenance, provenanceLine } from '../report/provenance';
import { readResultRows } from '@ksub/training';
import { renderTable4, selectProtocolScores } from '../tables/table4';
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

/** Table 4: per-language accuracy of each multilingual variant under both protocols; resolves whether every input was there. */
async function runTable4(args: Table4Args, context: CellContext): Promise<boolean> {
  const { preset } = context;
  const rowsOf: Record<string, string> = {
    full: args.vocabSize.toLocaleString('en-US'),
    'radix-k3': String(minimalRows(args.vocabSize, 3)),
  };
  for (const v of args.variants) if (v.startsWith('clustered')) rowsOf[v] = String(args.clusteredRows);
  const sections: string[] = [];
  const csv = ['protocol,model,language,accuracy'];
  for (const protocol of args.protocols) {
    const scores = new Map<string, Map<string, number>>();
    for (const v of args.variants) {
      const file = args.inputs.find((f) => f.endsWith(`/ml-${v}-${protocol}.csv`));
      if (file === undefined || !isFinished(file)) continue;
      const chosen = selectProtocolScores(await readResultRows(file));
      scores.set(v, chosen);
      for (const [l, acc] of chosen) csv.push(`${protocol},${v},${l},${acc}`);
    }
    const paperProtocol = protocol === 'cross-lingual' ? 'cross-lingual' : 'train-all';
    sections.push(renderTable4(paperProtocol, scores, args.variants, args.languages, rowsOf));
  }
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
