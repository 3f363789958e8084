import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getCorpus, listCorpora, packCorpus, readManifest } from '@ksub/corpus';
import { getTokenizer, listTokenizers } from '@ksub/tokenizers';
import { z } from 'zod';
import type { CellKind } from './cell-kind';
import { registerSuiteCorpora } from './suite-corpora';

// the corpora that need the evaluation suites' splits are named here, where the grid looks them up
registerSuiteCorpora();

/** A `corpus` cell's args: which registered corpus, packed with which tokenizer, where. */
export const CorpusArgsSchema = z.strictObject({
  /** Registered corpus (`udhr`, `english-offline`, `libreoffice-help`, `libreoffice-help-train`). */
  corpus: z.string().min(1),
  /** Registered tokenizer. */
  tokenizer: z.string().min(1),
  /** Tokens per packed sequence. */
  maxLength: z.number().int().min(2),
  /** Directory of the packed corpus (where `nx run corpus:prepare` puts the same one). */
  out: z.string().min(1),
});

/** {@link CorpusArgsSchema}'s type. */
export type CorpusArgs = z.infer<typeof CorpusArgsSchema>;

/** Packs the preset's corpus (skipped when the directory already holds it, packed alike). */
async function runCorpus(args: CorpusArgs): Promise<boolean> {
  const tokenizer = await getTokenizer(args.tokenizer);
  if (existsSync(join(args.out, 'manifest.json'))) {
    const manifest = await readManifest(args.out);
    if (manifest.tokenizer.id === tokenizer.id && manifest.maxLength === args.maxLength) {
      process.stdout.write(
        `corpus: ${args.out} is already packed with ${tokenizer.name} at ${manifest.maxLength} tokens\n`,
      );
      return true;
    }
  }
  await packCorpus({
    source: getCorpus(args.corpus),
    tokenizer,
    outDir: args.out,
    maxLength: args.maxLength,
    // a corpus packed here with other settings is the grid's own to repack; anything that is not
    // a ksub corpus is still refused
    force: true,
  });
  return true;
}

/** The `corpus` cell kind: tokenize and pack a registered corpus. */
export const corpusCell: CellKind<'corpus', CorpusArgs> = {
  kind: 'corpus',
  schema: CorpusArgsSchema,
  run: runCorpus,
  registered: { corpus: listCorpora, tokenizer: listTokenizers },
};
