import { parseArgs } from 'node:util';
import { parseWithSchema } from '@ksub/core';
import { PretrainConfigSchema } from '@ksub/training';
import { pretrainCell } from '../cells/pretrain-cell';
import { readJsonFile } from '../grid/read-json-file';

const USAGE = `usage: nx run experiments:pretrain -- --config FILE [--resume] [--steps N] [--out DIR]
  FILE: a PretrainConfig as JSON (packages/experiments/configs/pretrain-*.json), the args of the
  grid's pretrain cells (@ksub/training's PretrainConfigSchema); paths in it are
  relative to the working directory (the workspace root under Nx). KSUB_BACKEND picks the backend,
  KSUB_THREADS the matrix-kernel threads.`;

/** `nx run experiments:pretrain`: MLM pretraining from a JSON config, resumable. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      resume: { type: 'boolean', default: false },
      steps: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || values.config === undefined) {
    process.stdout.write(`${USAGE}\n`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const file = values.config;
  const json = await readJsonFile('pretrain', 'the --config file', file);
  const overrides: { steps?: number; outDir?: string } = {};
  if (values.steps !== undefined) {
    const steps = Number(values.steps);
    if (!Number.isSafeInteger(steps) || steps < 1)
      throw new RangeError(
        `pretrain: --steps must be a positive integer; got ${JSON.stringify(values.steps)}`,
      );
    overrides.steps = steps;
  }
  if (values.out !== undefined) overrides.outDir = values.out;
  // the config is a pretrain cell's args: the same schema, the same run
  const args = parseWithSchema(
    'pretrain',
    PretrainConfigSchema,
    typeof json === 'object' && json !== null ? { ...json, ...overrides } : json,
    file,
  );
  await pretrainCell.run(args, {
    preset: 'cli',
    outputs: [args.outDir],
    resume: values.resume,
    source: file,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
