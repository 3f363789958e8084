import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { FormatError, withFileContext } from '@ksub/core';
import { initBackend } from '@ksub/tensor';
import { pretrain, type PretrainConfig } from '@ksub/training';

const USAGE = `usage: nx run experiments:pretrain -- --config FILE [--resume] [--steps N] [--out DIR]
  FILE: a PretrainConfig as JSON (packages/experiments/configs/pretrain-*.json); paths in it are
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
  if (values.help === true || values.config === undefined) {
    process.stdout.write(`${USAGE}\n`);
    if (values.help !== true) process.exitCode = 2;
    return;
  }
  const file = values.config;
  const text = await withFileContext('read the --config file', file, () => readFile(file, 'utf8'));
  let config: PretrainConfig;
  try {
    config = JSON.parse(text) as PretrainConfig;
  } catch (error) {
    throw new FormatError(`pretrain: --config ${file} is not valid JSON (${(error as Error).message})`);
  }
  if (values.steps !== undefined) {
    const steps = Number(values.steps);
    if (!Number.isSafeInteger(steps) || steps < 1)
      throw new RangeError(
        `pretrain: --steps must be a positive integer; got ${JSON.stringify(values.steps)}`,
      );
    config = { ...config, steps };
  }
  if (values.out !== undefined) config = { ...config, outDir: values.out };
  const backend = await initBackend();
  const result = await pretrain(config, { resume: values.resume === true, configSource: file });
  const v = result.validation;
  process.stdout.write(
    `pretrain: ${result.step} steps in ${result.outDir} (backend ${backend.name}, ${result.parameters.toLocaleString('en-US')} parameters, ` +
      `${Math.round(result.tokensPerSecond)} tokens/s)` +
      (v === null
        ? '\n'
        : `; validation loss ${v.loss.toFixed(3)}, perplexity ${v.perplexity.toFixed(1)}, accuracy ${(100 * v.accuracy).toFixed(1)}%\n`),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
