import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import '@ksub/clustering';
import { neighbourSharing } from '@ksub/clustering';
import {
  countCollisions,
  embeddingParams,
  getAllocator,
  listAllocators,
  saveAllocation,
} from '@ksub/index-mapping';
import { createProgress, type Progress } from '@ksub/core';
import { getTokenizer } from '@ksub/tokenizers';
import { loadEmbeddings } from '../allocate/load-embeddings';

const USAGE = `usage: nx run experiments:allocate -- --method NAME --k K [--rows M] [--variant naive|equal] [--dim D]
        [--tokenizer NAME] [--embeddings SPEC] [--seed S] [--special] --out FILE`;

/** `nx run experiments:allocate`: builds an allocation, saves it, prints a summary. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      method: { type: 'string', default: 'scattered' },
      k: { type: 'string', default: '3' },
      rows: { type: 'string' },
      variant: { type: 'string' },
      dim: { type: 'string', default: '512' },
      tokenizer: { type: 'string', default: 'roberta-gpt2' },
      embeddings: { type: 'string' },
      seed: { type: 'string', default: '0' },
      special: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help === true || values.out === undefined) {
    process.stdout.write(`${USAGE}\nmethods: ${listAllocators().join(', ')}\n`);
    if (values.out === undefined && values.help !== true) process.exitCode = 2;
    return;
  }
  const int = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isSafeInteger(n))
      throw new RangeError(`allocate: --${name} must be an integer; got ${JSON.stringify(text)}`);
    return n;
  };
  const allocator = getAllocator(values.method as string);
  const takes = allocator.optionKeys ?? [];
  if (values.variant !== undefined && !takes.includes('variant'))
    throw new RangeError(
      `--variant does not apply to method ${allocator.name} (it takes ${takes.length === 0 ? 'no options' : takes.join(', ')}); got ${JSON.stringify(values.variant)}`,
    );
  const tokenizer = await getTokenizer(values.tokenizer as string);
  const vocab = tokenizer.vocab();
  const started = Date.now();
  const embeddings =
    values.embeddings === undefined ? undefined : await loadEmbeddings(values.embeddings, vocab);
  if (embeddings !== undefined) process.stdout.write(`embeddings: ${embeddings.description}\n`);
  const specials =
    values.special === true ? vocab.map((_, id) => id).filter((id) => tokenizer.isSpecial(id)) : [];
  const rows = int('rows', values.rows);
  let bar: Progress | undefined;
  let reported = 0;
  const allocation = await allocator.allocate({
    numTokens: tokenizer.vocabSize,
    numTables: int('k', values.k) as number,
    dim: int('dim', values.dim) as number,
    seed: int('seed', values.seed) as number,
    ...(rows === undefined ? {} : { rows }),
    ...(specials.length > 0 ? { specialTokens: specials } : {}),
    ...(embeddings === undefined ? {} : { embeddings: embeddings.matrix }),
    options: {
      ...(values.variant === undefined ? {} : { variant: values.variant }),
      ...(embeddings?.covered === undefined || !takes.includes('covered')
        ? {}
        : { covered: embeddings.covered }),
    },
    onProgress: ({ done, total, unit }) => {
      bar ??= createProgress({ label: `allocate ${values.method as string}`, total, unit });
      bar.tick(done - reported);
      reported = done;
    },
  });
  bar?.stop();
  const seconds = (Date.now() - started) / 1000;
  const out = resolve(values.out);
  await saveAllocation(out, allocation);
  const lines = [
    `method: ${allocation.method}${values.variant === undefined ? '' : ` (${values.variant})`}, N = ${allocation.numTokens}, k = ${allocation.numTables}`,
    `rows per table: ${allocation.rows.join(', ')}; widths: ${allocation.widths.join(', ')}`,
    `embedding parameters: ${embeddingParams(allocation).toLocaleString('en-US')} (full table: ${(allocation.numTokens * allocation.widths.reduce((a, b) => a + b, 0)).toLocaleString('en-US')})`,
    `collisions: ${countCollisions(allocation)}`,
  ];
  if (embeddings !== undefined) {
    const exclude = embeddings.covered === undefined ? undefined : embeddings.covered.map((c) => 1 - c);
    const s = neighbourSharing(allocation, embeddings.matrix, {
      neighbours: 10,
      queries: 300,
      ...(exclude === undefined ? {} : { exclude }),
    });
    lines.push(
      `neighbour sharing (10 nearest, 300 queries): ${s.neighbours.toFixed(3)} rows vs ${s.random.toFixed(3)} for random pairs (× ${s.ratio.toFixed(1)})`,
    );
  }
  lines.push(`time: ${seconds.toFixed(1)} s; wrote ${out}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`allocate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
