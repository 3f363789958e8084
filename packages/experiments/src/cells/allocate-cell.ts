import '@ksub/clustering';
import { neighbourSharing } from '@ksub/clustering';
import { MAX_SEED } from '@ksub/core';
import { createProgress, type Progress } from '@ksub/core/node';
import {
  type Allocator,
  countCollisions,
  embeddingParams,
  getAllocator,
  listAllocators,
} from '@ksub/index-mapping';
import { saveAllocation } from '@ksub/index-mapping/node';
import { getTokenizer, listTokenizers } from '@ksub/tokenizers';
import { z } from 'zod';
import { loadEmbeddings } from '../allocate/load-embeddings';
import type { CellKind } from './cell-kind';

const int = (min: number) => z.number().int().min(min);

/**
 * An `allocate` cell's args, and the `allocate` CLI's flags (`--max-iter` for `maxIter`). The
 * defaults are the grid's Table 2 allocation: Algorithm 1 as the paper writes it (`radix`), k = 3,
 * seed 1.
 */
export const AllocateArgsSchema = z.strictObject({
  /** Registered allocator: `radix` (Algorithm 1), `scattered` (Algorithm 1 on permuted ids), `clustered` (Algorithm 2). */
  method: z.string().min(1).default('radix'),
  /** Tables k. */
  k: int(1).default(3),
  /** Rows per table (default the fewest with M^k ≥ N; clustered: M). */
  rows: int(1).optional(),
  /** Clustered: naive or equal-size k-means. */
  variant: z.enum(['naive', 'equal']).optional(),
  /** Clustered: cap on the k-means refinement iterations (CI-sized runs). */
  maxIter: int(1).optional(),
  /** Embedding width d, split over the k tables. */
  dim: int(1).default(512),
  /** Registered tokenizer: its vocabulary is what gets allocated. */
  tokenizer: z.string().min(1).default('roberta-gpt2'),
  /** Pretrained embeddings to cluster on (`glove`, `PATH.safetensors#tensor`, a saved model's `weights.json#…`). */
  embeddings: z.string().min(1).optional(),
  seed: int(0).max(MAX_SEED).default(1),
  /** Give the tokenizer's special tokens rows of their own. */
  special: z.boolean().default(false),
  /** The allocation file to write. */
  out: z.string().min(1),
});

/** {@link AllocateArgsSchema}'s type (defaults filled). */
export type AllocateArgs = z.infer<typeof AllocateArgsSchema>;

/** The allocator options an allocate run may pass, by their arg name. */
const OPTION_ARGS = ['variant', 'maxIter'] as const;

/**
 * The first option arg given that `allocator` does not read (`variant` with `radix`), with its
 * value; undefined when every given option applies.
 */
export function unusedOption(
  allocator: Allocator,
  args: Pick<AllocateArgs, (typeof OPTION_ARGS)[number]>,
): { readonly name: (typeof OPTION_ARGS)[number]; readonly value: unknown } | undefined {
  const takes = allocator.optionKeys ?? [];
  const name = OPTION_ARGS.find((key) => args[key] !== undefined && !takes.includes(key));
  return name === undefined ? undefined : { name, value: args[name] };
}

/** What an allocator takes, for messages: `it takes variant, maxIter` or `it takes no options`. */
export function takesText(allocator: Allocator): string {
  const takes = allocator.optionKeys ?? [];
  return `it takes ${takes.length === 0 ? 'no options' : takes.join(', ')}`;
}

/** Builds the allocation, saves it, prints a summary (rows, parameters, collisions, neighbour sharing). */
async function runAllocate(args: AllocateArgs): Promise<boolean> {
  const allocator = getAllocator(args.method);
  const unused = unusedOption(allocator, args);
  if (unused !== undefined)
    throw new RangeError(
      `allocate: ${unused.name} does not apply to method ${allocator.name} (${takesText(allocator)}); got ${JSON.stringify(unused.value)}`,
    );
  const takes = allocator.optionKeys ?? [];
  const tokenizer = await getTokenizer(args.tokenizer);
  const vocab = tokenizer.vocab();
  const started = Date.now();
  // clustered variants: the trained baseline's token embeddings, or GloVe aligned to the vocabulary
  const embeddings = args.embeddings === undefined ? undefined : await loadEmbeddings(args.embeddings, vocab);
  if (embeddings !== undefined) process.stdout.write(`allocate: clustering on ${embeddings.description}\n`);
  const specials = args.special ? vocab.map((_, id) => id).filter((id) => tokenizer.isSpecial(id)) : [];
  let bar: Progress | undefined;
  let reported = 0;
  const allocation = await allocator.allocate({
    numTokens: tokenizer.vocabSize,
    numTables: args.k,
    dim: args.dim,
    seed: args.seed,
    ...(args.rows === undefined ? {} : { rows: args.rows }),
    ...(specials.length > 0 ? { specialTokens: specials } : {}),
    ...(embeddings === undefined ? {} : { embeddings: embeddings.matrix }),
    options: {
      ...(args.variant === undefined ? {} : { variant: args.variant }),
      ...(args.maxIter === undefined ? {} : { maxIter: args.maxIter }),
      ...(embeddings?.covered === undefined || !takes.includes('covered')
        ? {}
        : { covered: embeddings.covered }),
    },
    onProgress: ({ done, total, unit }) => {
      bar ??= createProgress({ label: `allocate ${args.method}`, total, unit });
      bar.tick(done - reported);
      reported = done;
    },
  });
  bar?.stop();
  const seconds = (Date.now() - started) / 1000;
  await saveAllocation(args.out, allocation);
  const width = allocation.widths.reduce((a, b) => a + b, 0);
  const lines = [
    `method: ${allocation.method}${args.variant === undefined ? '' : ` (${args.variant})`}, N = ${allocation.numTokens}, k = ${allocation.numTables}`,
    `rows per table: ${allocation.rows.join(', ')}; widths: ${allocation.widths.join(', ')}`,
    `embedding parameters: ${embeddingParams(allocation).toLocaleString('en-US')} (full table: ${(allocation.numTokens * width).toLocaleString('en-US')})`,
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
  lines.push(`time: ${seconds.toFixed(1)} s; wrote ${args.out}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return true;
}

/** The `allocate` cell kind: radix, scattered, or clustered on a baseline's or GloVe's embeddings. */
export const allocateCell: CellKind<'allocate', AllocateArgs, z.input<typeof AllocateArgsSchema>> = {
  kind: 'allocate',
  schema: AllocateArgsSchema,
  run: runAllocate,
  registered: { method: listAllocators, tokenizer: listTokenizers },
};
