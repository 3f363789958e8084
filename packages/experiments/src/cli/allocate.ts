import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseWithSchema } from '@ksub/core';
import { getAllocator, listAllocators } from '@ksub/index-mapping';
import { allocateCell, AllocateArgsSchema, takesText, unusedOption } from '../cells/allocate-cell';

// the defaults are the schema's, shared with the grid's allocate cells
const DEFAULTS = AllocateArgsSchema.parse({ out: '-' });

const USAGE = `usage: nx run experiments:allocate -- [--method NAME] [--k K] [--rows M] [--variant naive|equal]
        [--max-iter N] [--dim D] [--tokenizer NAME] [--embeddings SPEC] [--seed S] [--special] --out FILE
  Builds an allocation (the args of the grid's allocate cells, one flag each) and prints a summary.
  Defaults, the grid's Table 2 allocation: --method ${DEFAULTS.method} (Algorithm 1 as the paper writes it)
  --k ${DEFAULTS.k} --dim ${DEFAULTS.dim} --tokenizer ${DEFAULTS.tokenizer} --seed ${DEFAULTS.seed}. Until issue #16 this command
  defaulted to --method scattered --seed 0; pass them for the earlier allocations.`;

/** The flags of allocator options, by arg name. */
const OPTION_FLAGS = { variant: '--variant', maxIter: '--max-iter' } as const;

/** An integer flag's value (undefined when not given). */
function int(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`--${name} must be an integer; got ${JSON.stringify(text)}`);
  return n;
}

/** `nx run experiments:allocate`: builds an allocation, saves it, prints a summary. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      method: { type: 'string' },
      k: { type: 'string' },
      rows: { type: 'string' },
      variant: { type: 'string' },
      'max-iter': { type: 'string' },
      dim: { type: 'string' },
      tokenizer: { type: 'string' },
      embeddings: { type: 'string' },
      seed: { type: 'string' },
      special: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || values.out === undefined) {
    process.stdout.write(`${USAGE}\nmethods: ${listAllocators().join(', ')}\n`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const flags = {
    method: values.method,
    k: int('k', values.k),
    rows: int('rows', values.rows),
    variant: values.variant,
    maxIter: int('max-iter', values['max-iter']),
    dim: int('dim', values.dim),
    tokenizer: values.tokenizer,
    embeddings: values.embeddings,
    seed: int('seed', values.seed),
    special: values.special,
    out: resolve(values.out),
  };
  // a flag not given is undefined: the schema's default
  const args = parseWithSchema('allocate', AllocateArgsSchema, flags, 'flags');
  const allocator = getAllocator(args.method);
  const unused = unusedOption(allocator, args);
  if (unused !== undefined)
    throw new RangeError(
      `${OPTION_FLAGS[unused.name]} does not apply to method ${allocator.name} (${takesText(allocator)}); got ${JSON.stringify(unused.value)}`,
    );
  await allocateCell.run(args, { preset: 'cli', outputs: [args.out], resume: false, source: 'flags' });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  // the flags' schema names the command itself: "allocate (flags): k: …"
  process.stderr.write(`${message.startsWith('allocate') ? '' : 'allocate: '}${message}\n`);
  process.exitCode = 1;
});
