import { existsSync } from 'node:fs';
import { join } from 'node:path';
import '@ksub/clustering';
import { getCorpus, packCorpus, readManifest } from '@ksub/corpus';
import { getAllocator, saveAllocation } from '@ksub/index-mapping';
import { getTokenizer } from '@ksub/tokenizers';
import { loadEmbeddings } from '../allocate/load-embeddings';
import type { Args } from './common';

/** Packs the preset's corpus (skipped when the directory already holds it, packed alike). */
export async function corpusCell(a: Args): Promise<void> {
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
    // a corpus packed here with other settings is the grid's own to repack; anything that is not
    // a ksub corpus is still refused
    force: true,
  });
}

/** Makes an allocation: radix, or clustered on the baseline's or GloVe's embeddings. */
export async function allocateCell(a: Args): Promise<void> {
  const tokenizer = await getTokenizer((a['tokenizer'] as string | undefined) ?? 'roberta-gpt2');
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
      ...(a['maxIter'] === undefined ? {} : { maxIter: a['maxIter'] }),
      ...(embeddings?.covered === undefined ? {} : { covered: embeddings.covered }),
    },
  });
  await saveAllocation(a['out'] as string, allocation);
}
