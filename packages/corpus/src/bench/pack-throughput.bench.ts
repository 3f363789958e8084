// Benchmark: tokens/s of tokenize + pack (packCorpus, shards written to a temp dir) against the
// tokenizer alone, on the same real documents held in memory. Run: npx nx run corpus:bench
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TextDocument } from '@ksub/core';
import { readMobyDick, readStateOfTheUnion } from '@ksub/datasets';
import { loadRobertaGpt2, loadXlmrO200k, type Tokenizer } from '@ksub/tokenizers';
import { packCorpus } from '../shards/pack-corpus';

async function main(): Promise<void> {
  const docs: TextDocument[] = [];
  for await (const d of readStateOfTheUnion()) docs.push(d);
  for await (const d of readMobyDick()) docs.push(d);
  // Each measurement gets a freshly loaded tokenizer, so neither inherits the other's BPE cache.
  const name = process.argv[2] ?? 'roberta-gpt2';
  const fresh = async (): Promise<Tokenizer> => (name === 'xlmr-o200k' ? loadXlmrO200k() : loadRobertaGpt2());
  let tokenizer = await fresh();

  let t = performance.now();
  let alone = 0;
  for (const d of docs) alone += tokenizer.encode(d.text, { addSpecialTokens: false }).length;
  const aloneSeconds = (performance.now() - t) / 1000;

  const dir = await mkdtemp(join(tmpdir(), 'ksub-bench-'));
  tokenizer = await fresh();
  t = performance.now();
  const manifest = await packCorpus({
    source: {
      name: 'bench',
      description: 'SOTU + Moby Dick in memory',
      documents: async function* () {
        yield* docs;
      },
    },
    tokenizer,
    outDir: join(dir, 'out'),
    progress: false,
  });
  const packSeconds = (performance.now() - t) / 1000;
  await rm(dir, { recursive: true, force: true });
  const packed = manifest.counts.tokens.train + manifest.counts.tokens.validation;

  const rate = (n: number, s: number) => Math.round(n / s);
  console.log(`documents: ${docs.length}, plain tokens: ${alone}, packed tokens (with <s>/</s>): ${packed}`);
  console.log(
    `tokenizer alone (${tokenizer.name}): ${aloneSeconds.toFixed(2)} s, ${rate(alone, aloneSeconds)} tokens/s`,
  );
  console.log(
    `tokenize + pack + write shards: ${packSeconds.toFixed(2)} s, ${rate(alone, packSeconds)} tokens/s`,
  );
  console.log(`ratio (pack / tokenizer alone, throughput): ${(aloneSeconds / packSeconds).toFixed(2)}`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
