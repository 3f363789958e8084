import { resolve } from 'node:path';
import { initBackend } from '@ksub/tensor';
import { compressGraphModel } from '../use-lite/compress-graph-model';
import { listTableCompressors } from '../use-lite/table-compressors';
import { parseCli } from './parse-cli';

const HELP = `Usage: nx run experiments:compress-model -- --model DIR/model.json --weight NAME --method M --ratio R --out DIR2 [--seed S]

Compresses one weight (a token table) of a TF.js graph model post hoc to 1/R of its float32 bytes
and writes DIR2: the model without that weight plus ksub-table.json/.bin (its factors). Load it
with readCompressedGraphModel from @ksub/pretrained, then tfjs-converter's loadGraphModel.
Methods: ${listTableCompressors().join(', ')}.
`;

const MiB = (b: number) => `${(b / 2 ** 20).toFixed(2)} MiB`;

/** `nx run experiments:compress-model`: writes a graph model with a compressed token table. */
async function main(): Promise<void> {
  const values = parseCli('compress-model', HELP, {
    model: { type: 'string' },
    weight: { type: 'string', default: 'module/Embeddings_en' },
    method: { type: 'string' },
    ratio: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
  });
  if (values === undefined) return;
  for (const name of ['model', 'method', 'ratio', 'out'] as const)
    if (values[name] === undefined) throw new RangeError(`--${name} is required`);
  const ratio = Number(values.ratio);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed))
    throw new RangeError(`--seed must be an integer; got ${JSON.stringify(values.seed)}`);
  await initBackend();
  const { compressed, report } = await compressGraphModel({
    modelJson: resolve(values.model as string),
    weight: values.weight as string,
    method: values.method as string,
    ratio,
    outDir: resolve(values.out as string),
    seed,
    progress: process.stderr.isTTY === true,
  });
  const settings = Object.entries(compressed.settings)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  process.stdout.write(
    `compress-model: ${report.weight} (${MiB(report.weightBytes)}) → ${compressed.method} ${settings}: ` +
      `model directory ${MiB(report.before.total)} → ${MiB(report.after.total)} (${report.after.total.toLocaleString('en-US')} bytes) in ${report.outDir}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`compress-model: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof RangeError) process.stderr.write(HELP);
  process.exitCode = 1;
});
